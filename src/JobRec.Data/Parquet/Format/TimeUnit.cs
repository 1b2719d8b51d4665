namespace JobRec.Data.Parquet.Format;

/// <summary>Resolution of TIME and TIMESTAMP logical types.</summary>
public enum TimeUnit
{
    /// <summary>Milliseconds.</summary>
    Millis = 1,
    /// <summary>Microseconds.</summary>
    Micros = 2,
    /// <summary>Nanoseconds.</summary>
    Nanos = 3,
}
