namespace JobRec.Data.Parquet.Reading;

/// <summary>Limits and checks applied while reading, so that a lying header cannot make the reader allocate without bound.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>Largest page (compressed or uncompressed) the reader will allocate, in bytes; default 256 MiB.</summary>
    public int MaxPageBytes { get; init; } = 256 << 20;

    /// <summary>Largest number of values (including nulls) one page may declare; default 16 Mi.</summary>
    public int MaxValuesPerPage { get; init; } = 16 << 20;

    /// <summary>Largest footer the reader will allocate, in bytes; default 64 MiB.</summary>
    public int MaxFooterBytes { get; init; } = 64 << 20;

    /// <summary>When true (the default) page CRCs present in headers are verified and a mismatch is an error.</summary>
    public bool VerifyChecksums { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static ParquetReadOptions Default { get; } = new();
}
