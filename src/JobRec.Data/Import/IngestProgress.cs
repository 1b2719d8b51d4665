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
}
