namespace JobRec.Data.Parquet;

/// <summary>Thrown when a well-formed Parquet file uses a feature the reader does not handle (encryption, over-limit column chunks, types without a mapping, ...).</summary>
public sealed class ParquetUnsupportedException : NotSupportedException
{
    /// <summary>Creates the exception with message <c>unsupported: &lt;feature&gt; in &lt;file&gt;</c>.</summary>
    public ParquetUnsupportedException(string feature, string filePath, Exception? inner = null)
        : base($"unsupported: {feature} in {filePath}", inner)
    {
        Feature = feature;
        FilePath = filePath;
    }

    /// <summary>The feature that is not supported.</summary>
    public string Feature { get; }

    /// <summary>The file that uses it.</summary>
    public string FilePath { get; }
}
