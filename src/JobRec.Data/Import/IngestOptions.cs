namespace JobRec.Data.Import;

/// <summary>How an import runs: batch size and where progress goes.</summary>
public sealed record IngestOptions
{
    /// <summary>Items per sink call.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Receives progress snapshots about every <see cref="ProgressInterval"/>, and once at the end; null for none.</summary>
    public IProgress<IngestProgress>? Progress { get; init; }

    /// <summary>Time between progress snapshots.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Number of rejects kept with file:line:reason in the report.</summary>
    public int MaxRejectsShown { get; init; } = 10;
}
