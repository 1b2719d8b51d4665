namespace JobRec.Data.Parquet.Writing;

/// <summary>Wraps the output stream and counts the bytes written, so offsets work on non-seekable streams too.</summary>
internal sealed class PositionedOutput(Stream inner)
{
    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    /// <summary>Writes bytes and advances the position.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        inner.Write(bytes);
        Position += bytes.Length;
    }

    /// <summary>Flushes the underlying stream.</summary>
    public void Flush() => inner.Flush();
}
