namespace JobRec.Hosting.Local.Import;

/// <summary>How <see cref="ClusterImportCheck"/> imports and when it kills a silo.</summary>
public sealed record ClusterImportCheckOptions
{
    /// <summary>Jobs the source holds (the kill point is a share of it); required when <see cref="KillAt"/> is above 0.</summary>
    public long ExpectedJobs { get; init; }

    /// <summary>Share of <see cref="ExpectedJobs"/> the import has written (chunks acknowledged to the sink) when one silo is killed with
    /// SIGKILL; 0 kills none. Default 0.4.</summary>
    public double KillAt { get; init; } = 0.4;

    /// <summary>Jobs per batch the pipeline hands the sink (a batch is acknowledged as a whole). Default 4,096 (as `jobrec bench ingest`: enough chunks of 64 in flight to keep three silos busy).</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>Acknowledged jobs read back through the cluster (job grain and index shard); all of them when fewer. Default 20,000.</summary>
    public int ServedSample { get; init; } = 20_000;

    /// <summary>The Orleans client's call timeout. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
