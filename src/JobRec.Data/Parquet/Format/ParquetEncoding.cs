namespace JobRec.Data.Parquet.Format;

/// <summary>Value and level encodings (parquet.thrift <c>Encoding</c>).</summary>
public enum ParquetEncoding
{
    /// <summary>Values stored back to back.</summary>
    Plain = 0,
    /// <summary>Deprecated dictionary encoding (same layout as RLE_DICTIONARY).</summary>
    PlainDictionary = 2,
    /// <summary>RLE / bit-packing hybrid.</summary>
    Rle = 3,
    /// <summary>Deprecated bit-packed levels.</summary>
    BitPacked = 4,
    /// <summary>Delta encoding of integers.</summary>
    DeltaBinaryPacked = 5,
    /// <summary>Delta-encoded lengths followed by the bytes.</summary>
    DeltaLengthByteArray = 6,
    /// <summary>Incremental (prefix) encoding of byte arrays.</summary>
    DeltaByteArray = 7,
    /// <summary>Dictionary indexes in RLE / bit-packing hybrid.</summary>
    RleDictionary = 8,
    /// <summary>Bytes of each value split into streams.</summary>
    ByteStreamSplit = 9,
}
