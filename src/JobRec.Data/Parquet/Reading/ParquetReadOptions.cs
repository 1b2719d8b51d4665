namespace JobRec.Data.Parquet.Reading;

/// <summary>Limits applied while reading, so that a lying header cannot make the reader allocate without bound.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>Largest column chunk (uncompressed, as the footer declares it) the reader will decode, in bytes; default 256 MiB.</summary>
    public long MaxColumnChunkBytes { get; init; } = 256L << 20;

    /// <summary>Rows decoded per column at a time; the reader holds at most this many values of each selected column. Default 4,096.</summary>
    public int BatchRows { get; init; } = 4096;

    /// <summary>When true (the default) page CRCs present in headers are verified and a mismatch is an error.</summary>
    public bool VerifyChecksums { get; init; } = true;

    /// <summary>When true (the default) the selected columns of a batch decode on parallel threads.</summary>
    public bool ParallelColumns { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static ParquetReadOptions Default { get; } = new();
}
