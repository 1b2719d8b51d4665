namespace JobRec.OrleansExtensions.Clustering;

/// <summary>How a silo joins a JobRec cluster on PostgreSQL: the database (membership and grain state) and the failure-detection timing.</summary>
public sealed class PostgresClusterOptions
{
    /// <summary>Npgsql connection string of the cluster's database.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Orleans cluster id and service id (silos and clients of one cluster use the same).</summary>
    public string ClusterId { get; set; } = "jobrec";

    /// <summary>How long a probe of another silo may take (Orleans' ProbeTimeout); with <see cref="MaxProbeTimeout"/> 3 s, 3 missed probes
    /// and 2 votes a killed silo is declared dead in about 3-6 s on loopback, so its grains answer again within about 15 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most an adaptive probe timeout may grow to (Orleans' MaxProbeTimeout).</summary>
    public TimeSpan MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a silo re-reads the membership table and publishes that it is alive (TableRefreshTimeout, IAmAliveTablePublishTimeout).</summary>
    public TimeSpan TableRefresh { get; set; } = TimeSpan.FromSeconds(5);
}
