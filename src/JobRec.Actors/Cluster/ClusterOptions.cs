namespace JobRec.Actors.Cluster;

/// <summary>Settings of a silo that is a member of a PostgreSQL-anchored cluster: database, identity, partitions, lease timing and the silo-to-silo endpoint.</summary>
public sealed class ClusterOptions
{
    /// <summary>Npgsql connection string of the cluster database (every silo of a cluster uses the same database and schema).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>This silo's unique id in the membership and lease tables.</summary>
    public string SiloId { get; set; } = string.Empty;

    /// <summary>Number of partitions grains hash into; identical on every silo of a cluster.</summary>
    public int PartitionCount { get; set; } = 256;

    /// <summary>How long a claimed or renewed lease holds; also the membership liveness window, so a dead silo's partitions are taken over within about this time.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between lease cycles (heartbeat, renew, rebalance); null = a third of <see cref="LeaseDuration"/>.</summary>
    public TimeSpan? RenewInterval { get; set; }

    /// <summary>Address the silo-to-silo listener binds to; loopback unless set otherwise.</summary>
    public string SiloAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo TCP port (0 = any free port).</summary>
    public int SiloPort { get; set; }

    /// <summary>Host name or address other silos and clients use to reach this silo; null = the bind address (which must then not be a wildcard).</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>The pause between lease cycles actually used.</summary>
    public TimeSpan EffectiveRenewInterval => RenewInterval ?? TimeSpan.FromTicks(LeaseDuration.Ticks / 3);

    /// <summary>Throws ArgumentException naming the first setting that is missing or out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ClusterOptions.ConnectionString is empty: give the PostgreSQL connection string (--cluster or JOBREC_PG).");
        }

        if (string.IsNullOrWhiteSpace(SiloId) || SiloId.Length > 200)
        {
            throw new ArgumentException($"ClusterOptions.SiloId '{SiloId}' must be 1..200 characters.");
        }

        if (PartitionCount is < 1 or > 65536)
        {
            throw new ArgumentException($"ClusterOptions.PartitionCount {PartitionCount} must be 1..65536.");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"ClusterOptions.LeaseDuration {LeaseDuration} must be between 1 s and 10 min.");
        }

        if (EffectiveRenewInterval <= TimeSpan.Zero || EffectiveRenewInterval >= LeaseDuration)
        {
            throw new ArgumentException($"ClusterOptions.RenewInterval {EffectiveRenewInterval} must be positive and shorter than the lease ({LeaseDuration}).");
        }

        if (SiloPort is < 0 or > 65535)
        {
            throw new ArgumentException($"ClusterOptions.SiloPort {SiloPort} must be 0..65535.");
        }
    }
}
