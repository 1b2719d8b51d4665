using JobRec.Contracts.Security;

namespace JobRec.Client;

/// <summary>Settings of a <see cref="JobRecClient"/>: where the cluster's gateways are, the cluster id, call timeout and connection retries.</summary>
public sealed class ClientOptions
{
    /// <summary>Gateway endpoints as "host:port" (static gateway list); ignored when <see cref="PostgresConnectionString"/> is set.</summary>
    public List<string> Gateways { get; set; } = ["127.0.0.1:30000"];

    /// <summary>When set, the client reads the live gateways from the cluster's Orleans membership table in this PostgreSQL database
    /// (Orleans.Clustering.AdoNet) and keeps the list fresh, instead of a static list.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Orleans cluster id (and service id) of the silos: "jobrec" for every JobRec silo.</summary>
    public string ClusterId { get; set; } = "jobrec";

    /// <summary>Time a call waits for its response (Orleans' ClientMessagingOptions.ResponseTimeout); a call past it throws TimeoutException.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The cluster's operator key (the silos' OperatorKey), sent with every call so that this client may call the grains' internal
    /// methods (bulk ingest); null for an ordinary client, which the silos refuse on those methods. Send it only over TLS
    /// (<see cref="Tls"/>) off loopback.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>TLS with this client's certificate on the gateway links, accepting only gateways whose certificate the cluster's authority
    /// issued; required by silos whose gateway is not on loopback. Null: plain TCP (loopback silos).</summary>
    public ClusterTlsOptions? Tls { get; set; }

    /// <summary>Attempts to connect at start before throwing <see cref="GatewayUnavailableException"/>.</summary>
    public int ConnectAttempts { get; set; } = 3;

    /// <summary>Pause between connection attempts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the gateway list is read again from the membership table (Orleans' GatewayOptions.GatewayListRefreshPeriod).</summary>
    public TimeSpan GatewayListRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
