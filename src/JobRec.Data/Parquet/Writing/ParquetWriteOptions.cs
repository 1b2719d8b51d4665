namespace JobRec.Data.Parquet.Writing;

/// <summary>How the writer lays out a file: rows per row group, page size, codec, dictionaries, checksums.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>Rows per row group; default 100,000. The writer holds one row group of values in memory.</summary>
    public int RowGroupSize { get; init; } = 100_000;

    /// <summary>Target bytes of a data page; default 1 MiB.</summary>
    public int PageSizeBytes { get; init; } = 1 << 20;

    /// <summary>Page compression; default Snappy.</summary>
    public ParquetCodec Codec { get; init; } = ParquetCodec.Snappy;

    /// <summary>When true (default) columns are dictionary-encoded while the dictionary stays under <see cref="MaxDictionaryBytes"/>.</summary>
    public bool DictionaryEncodeStrings { get; init; } = true;

    /// <summary>Largest dictionary page, in bytes, before a column chunk falls back to PLAIN; default 1 MiB.</summary>
    public int MaxDictionaryBytes { get; init; } = 1 << 20;

    /// <summary>When true (default) each page header carries the CRC-32 of its page.</summary>
    public bool WriteChecksums { get; init; } = true;

    /// <summary>When true (default) column chunks carry min/max/null-count statistics that readers use to skip row groups.</summary>
    public bool WriteStatistics { get; init; } = true;

    /// <summary>Key/value metadata stored in the footer.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>When true (default) the columns of a row group are encoded and compressed on parallel threads.</summary>
    public bool ParallelColumns { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static ParquetWriteOptions Default { get; } = new();
}
