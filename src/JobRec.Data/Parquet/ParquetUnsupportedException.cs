namespace JobRec.Data.Parquet;

/// <summary>Thrown when a well-formed Parquet file uses a feature this codec does not implement (ZSTD, LZ4, encryption, ...).</summary>
public sealed class ParquetUnsupportedException : NotSupportedException
{
    /// <summary>Creates the exception with message <c>unsupported: &lt;feature&gt; in &lt;file&gt;</c>.</summary>
    public ParquetUnsupportedException(string feature, string filePath)
        : base($"unsupported: {feature} in {filePath}")
    {
        Feature = feature;
        FilePath = filePath;
    }

    /// <summary>The feature that is not supported.</summary>
    public string Feature { get; }

    /// <summary>The file that uses it.</summary>
    public string FilePath { get; }
}
