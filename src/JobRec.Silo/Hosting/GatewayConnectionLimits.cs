namespace JobRec.Silo.Hosting;

/// <summary>Bounds on the client gateway listener (Orleans sets none of its own): concurrent connections, how long a connection may send
/// nothing, the largest message. Orleans clients send at least a gateway-list refresh a minute, so a live client is never idle that long.</summary>
public sealed record GatewayConnectionLimits
{
    /// <summary>Most concurrent client connections per silo; a connection past it is closed at once.</summary>
    public int MaxConnections { get; init; } = 1_000;

    /// <summary>A client connection that sends no byte for this long is closed (so are half-open and never-speaking sockets).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Largest message body in bytes on any Orleans link (Orleans' default is 100 MiB): bounds what one connection can make a silo
    /// buffer. Bulk ingest batches stay far below it.</summary>
    public int MaxMessageBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest message header in bytes (Orleans' default is 10 MiB).</summary>
    public int MaxMessageHeaderBytes { get; init; } = 256 * 1024;
}
