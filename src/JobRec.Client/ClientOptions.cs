namespace JobRec.Client;

/// <summary>Settings of a <see cref="ClusterClient"/>: gateways to try, timeouts and connection retries.</summary>
public sealed class ClientOptions
{
    /// <summary>Gateway endpoints as "host:port", tried in order.</summary>
    public List<string> Gateways { get; set; } = ["127.0.0.1:30000"];

    /// <summary>Default time a call waits for its response.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rounds over the gateway list before giving up with GatewayUnavailableException.</summary>
    public int ConnectAttempts { get; set; } = 3;

    /// <summary>Pause between rounds of connection attempts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest frame sent or accepted.</summary>
    public int MaxFrameBytes { get; set; } = 4 * 1024 * 1024;
}
