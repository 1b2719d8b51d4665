namespace JobRec.Data.Parquet.Writing;

/// <summary>Page compression the writer can use.</summary>
public enum ParquetCodec
{
    /// <summary>No compression.</summary>
    Uncompressed,

    /// <summary>Snappy (the default: fast, read everywhere).</summary>
    Snappy,

    /// <summary>GZIP.</summary>
    Gzip,

    /// <summary>Brotli.</summary>
    Brotli,

    /// <summary>Zstandard.</summary>
    Zstd,

    /// <summary>LZ4_RAW (the LZ4 codec of current Parquet readers).</summary>
    Lz4,
}
