namespace JobRec.Client;

/// <summary>Settings of a <see cref="ClusterClient"/>: gateways to try, timeouts, connection retries and gateway discovery.</summary>
public sealed class ClientOptions
{
    /// <summary>Gateway endpoints as "host:port", tried in order; any one gateway of a cluster is enough when <see cref="LearnGateways"/> is on.</summary>
    public List<string> Gateways { get; set; } = ["127.0.0.1:30000"];

    /// <summary>Default time a call waits for its response; retries and reconnects happen within it.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rounds over the gateway list before giving up with GatewayUnavailableException.</summary>
    public int ConnectAttempts { get; set; } = 3;

    /// <summary>Pause between rounds of connection attempts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest frame sent or accepted.</summary>
    public int MaxFrameBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether the client asks the gateway it connected to for the cluster's other live gateways and fails over to them.</summary>
    public bool LearnGateways { get; set; } = true;

    /// <summary>How often the learned gateway list is read again while connected.</summary>
    public TimeSpan GatewayListRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
