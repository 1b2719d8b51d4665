using JobRec.FileFormats;

namespace JobRec.Vectors.Persistence;

/// <summary>
/// The on-disk envelope of a saved index: a <see cref="ChecksummedFile"/> with magic "JOBRECVX", version 1 (56-byte header: magic, version,
/// payload length, the payload's SHA-256). Loading checks all of it before any native code parses a byte.
/// </summary>
internal static class VectorIndexFile
{
    /// <summary>The saved vector index format.</summary>
    public static readonly BinaryFileFormat Format = new("saved vector index", "JOBRECVX"u8, version: 1);

    /// <summary>Writes <paramref name="length"/> payload bytes at <paramref name="payload"/> to <paramref name="path"/> through a temporary file, so a failed save never damages an existing file.</summary>
    public static unsafe void Write(string path, byte* payload, long length)
    {
        using var input = new UnmanagedMemoryStream(payload, length);
        ChecksummedFile.Write(path, Format, input);
    }

    /// <summary>Checks the envelope of <paramref name="path"/> and returns the payload's offset and length.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a saved index or is corrupt; the message names the file and offset.</exception>
    public static (long Offset, long Length) Verify(string path)
    {
        var payload = ChecksummedFile.Verify(path, Format);
        return (payload.Offset, payload.Length);
    }
}
