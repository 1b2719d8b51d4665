namespace JobRec.Data.Parquet.Writing;

/// <summary>What a written column holds, which fixes its physical and logical Parquet types.</summary>
public enum ParquetValueKind
{
    /// <summary>BOOLEAN.</summary>
    Boolean,
    /// <summary>INT32.</summary>
    Int32,
    /// <summary>INT64.</summary>
    Int64,
    /// <summary>FLOAT.</summary>
    Float,
    /// <summary>DOUBLE.</summary>
    Double,
    /// <summary>BYTE_ARRAY annotated STRING (UTF-8), dictionary-encoded when that is smaller.</summary>
    String,
    /// <summary>BYTE_ARRAY without annotation.</summary>
    Binary,
    /// <summary>INT64 TIMESTAMP(MICROS, UTC); values are DateTimeOffset truncated to microseconds.</summary>
    TimestampMicros,
    /// <summary>INT64 DECIMAL(18, scale); values are System.Decimal.</summary>
    Decimal,
}
