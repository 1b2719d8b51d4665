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

    /// <summary>Where the import saves an <see cref="IngestCheckpoint"/> after every batch, or null for none. When the file exists the
    /// import resumes after the items it names; it is deleted when the import completes.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Items the source is expected to yield, when known (progress then shows an ETA); 0 when unknown.</summary>
    public long ExpectedItems { get; init; }

    /// <summary>Number of rejects kept with file:line:reason in the report.</summary>
    public int MaxRejectsShown { get; init; } = 10;
}
