namespace JobRec.Data.Parquet.Format;

/// <summary>Page compression codecs (parquet.thrift <c>CompressionCodec</c>).</summary>
public enum CompressionCodec
{
    /// <summary>No compression.</summary>
    Uncompressed = 0,
    /// <summary>Snappy raw blocks.</summary>
    Snappy = 1,
    /// <summary>GZIP (RFC 1952), possibly several members.</summary>
    Gzip = 2,
    /// <summary>LZO (not supported).</summary>
    Lzo = 3,
    /// <summary>Brotli.</summary>
    Brotli = 4,
    /// <summary>Hadoop-framed LZ4 (not supported).</summary>
    Lz4 = 5,
    /// <summary>Zstandard (not supported).</summary>
    Zstd = 6,
    /// <summary>Raw LZ4 blocks (not supported).</summary>
    Lz4Raw = 7,
}
