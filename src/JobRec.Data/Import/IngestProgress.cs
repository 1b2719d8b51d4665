namespace JobRec.Data.Import;

/// <summary>A snapshot of a running import.</summary>
/// <param name="Source">Source name.</param>
/// <param name="RowsRead">Rows read so far (accepted and rejected).</param>
/// <param name="Rejected">Rows rejected so far.</param>
/// <param name="Imported">Items handed to the sink so far.</param>
/// <param name="Elapsed">Time since the import started.</param>
/// <param name="Done">True for the final snapshot.</param>
public readonly record struct IngestProgress(string Source, long RowsRead, long Rejected, long Imported, TimeSpan Elapsed, bool Done)
{
    /// <summary>Rows read per second so far.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsRead / Elapsed.TotalSeconds : 0;

    /// <summary>Jobs handed to the sink so far.</summary>
    public long Jobs { get; init; }

    /// <summary>Items the source is expected to yield (0 when unknown).</summary>
    public long ExpectedItems { get; init; }

    /// <summary>Items skipped because a checkpoint said they were imported already.</summary>
    public long Skipped { get; init; }

    /// <summary>Jobs per second so far.</summary>
    public double JobsPerSecond => Elapsed.TotalSeconds > 0 ? Jobs / Elapsed.TotalSeconds : 0;

    /// <summary>Time left at the rate so far, when the expected count is known and some items were imported.</summary>
    public TimeSpan? Eta => ExpectedItems > 0 && Imported > 0 && Elapsed > TimeSpan.Zero
        ? TimeSpan.FromSeconds(Math.Max(0, ExpectedItems - Skipped - Imported) * Elapsed.TotalSeconds / Imported)
        : null;
}
