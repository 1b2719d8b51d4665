namespace JobRec.Data.Parquet;

/// <summary>Thrown when a Parquet file is malformed; the message names the file and the byte offset where the problem was found.</summary>
public sealed class ParquetFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> at byte <paramref name="offset"/> (or -1 when unknown).</summary>
    public ParquetFormatException(string filePath, long offset, string problem, Exception? inner = null)
        : base(offset >= 0 ? $"malformed parquet: {problem} in {filePath} at offset {offset}" : $"malformed parquet: {problem} in {filePath}", inner)
    {
        FilePath = filePath;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file that is malformed.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset in the file where the problem was detected, or -1 when unknown.</summary>
    public long Offset { get; }

    /// <summary>What was wrong, without the location.</summary>
    public string Problem { get; }
}
