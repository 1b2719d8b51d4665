using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace JobRec.Vectors.Persistence;

/// <summary>
/// The on-disk envelope of a saved index: an 8-byte magic "JOBRECVX", a format version, the payload length and the
/// payload's SHA-256, then the payload. Loading checks all of it before any native code parses a byte.
/// </summary>
internal static class VectorIndexFile
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderLength = 56;

    private const int Version = 1;
    private const int VersionOffset = 8;
    private const int LengthOffset = 16;
    private const int HashOffset = 24;
    private static readonly byte[] Magic = "JOBRECVX"u8.ToArray();

    /// <summary>Writes <paramref name="length"/> payload bytes at <paramref name="payload"/> to <paramref name="path"/> through a temporary file, so a failed save never damages an existing file.</summary>
    public static unsafe void Write(string path, byte* payload, long length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(VersionOffset), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(LengthOffset), length);
        using (var hashInput = new UnmanagedMemoryStream(payload, length))
        {
            SHA256.HashData(hashInput).CopyTo(header, HashOffset);
        }

        var temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var input = new UnmanagedMemoryStream(payload, length))
            {
                output.Write(header);
                input.CopyTo(output, 1 << 20);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Checks the envelope of <paramref name="path"/> and returns the payload's offset and length.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a saved index or is corrupt; the message names the file and offset.</exception>
    public static (long Offset, long Length) Verify(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Vector index file not found: {full}", full);
        }

        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        if (stream.Length < HeaderLength)
        {
            throw new InvalidDataException($"{full}: {stream.Length} bytes is shorter than the {HeaderLength}-byte vector index header; not a saved index or truncated.");
        }

        var header = new byte[HeaderLength];
        stream.ReadExactly(header);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException(
                $"{full} offset 0: expected magic \"JOBRECVX\", found \"{Encoding.ASCII.GetString(header, 0, Magic.Length).ReplaceLineEndings(" ")}\"; not a saved vector index.");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(VersionOffset));
        if (version != Version)
        {
            throw new InvalidDataException($"{full} offset {VersionOffset}: format version {version} is not supported (expected {Version}).");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(LengthOffset));
        if (length != stream.Length - HeaderLength)
        {
            throw new InvalidDataException(
                $"{full} offset {LengthOffset}: header says the payload is {length} bytes but the file holds {stream.Length - HeaderLength} after the header; the file is truncated or corrupt.");
        }

        var actual = SHA256.HashData(stream);
        if (!actual.AsSpan().SequenceEqual(header.AsSpan(HashOffset, 32)))
        {
            throw new InvalidDataException(
                $"{full}: the SHA-256 of the payload (offset {HeaderLength}, {length} bytes) does not match the header (offset {HashOffset}); the file is corrupt.");
        }

        return (HeaderLength, length);
    }
}
