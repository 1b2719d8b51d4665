using System.Buffers.Binary;
using System.Security.Cryptography;

namespace JobRec.FileFormats;

/// <summary>
/// A file whose payload is sealed by its header: the <see cref="BinaryFileFormat"/> header (magic, version), zero padding to a multiple of 8,
/// the payload length (int64) and the payload's SHA-256, then the payload. With an 8-byte magic the header is 56 bytes (version at 8, length
/// at 16, hash at 24). Writing goes through a temporary file and a rename, so a failed save never damages an existing file; reading checks
/// the header, the length and the hash before anyone parses a payload byte.
/// </summary>
public static class ChecksummedFile
{
    private const int HashLength = 32;

    /// <summary>Bytes before the payload for <paramref name="format"/>.</summary>
    public static int HeaderLength(BinaryFileFormat format) => LengthOffset(format) + sizeof(long) + HashLength;

    /// <summary>Writes the payload read from <paramref name="payload"/> (from its current position to its end; the stream must be seekable, it is
    /// read twice: once to hash, once to copy) to <paramref name="path"/>, creating the folder.</summary>
    /// <returns>The file's length in bytes.</returns>
    public static long Write(string path, BinaryFileFormat format, Stream payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(payload);
        if (!payload.CanSeek) throw new ArgumentException("the payload stream must be seekable", nameof(payload));
        var start = payload.Position;
        var length = payload.Length - start;
        var header = new byte[HeaderLength(format)];
        format.WriteHeader(header);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(LengthOffset(format)), length);
        SHA256.HashData(payload).CopyTo(header, LengthOffset(format) + sizeof(long));
        payload.Position = start;

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                output.Write(header);
                payload.CopyTo(output, 1 << 20);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return header.Length + length;
    }

    /// <summary>Checks the header, length and hash of the file at <paramref name="path"/> and returns where its payload lies.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not this format, a version this build does not read, truncated, or a payload whose SHA-256 differs;
    /// one line naming the file, the offset, what was expected and what was found.</exception>
    public static SealedPayload Verify(string path, BinaryFileFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(format);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{format.Description} not found: {full}", full);
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var header = new byte[HeaderLength(format)];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        var (version, payloadLength) = CheckHeader(header.AsSpan(0, read), stream.Length, format, full);
        CheckHash(SHA256.HashData(stream), header, format, full, payloadLength);
        return new SealedPayload(version, header.Length, payloadLength);
    }

    /// <summary>Checks the header, length and hash of a whole file's <paramref name="bytes"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Verify(string, BinaryFileFormat)"/>.</exception>
    public static SealedPayload Verify(ReadOnlySpan<byte> bytes, BinaryFileFormat format, string source)
    {
        ArgumentNullException.ThrowIfNull(format);
        var headerLength = HeaderLength(format);
        var header = bytes[..Math.Min(bytes.Length, headerLength)];
        var (version, payloadLength) = CheckHeader(header, bytes.Length, format, source);
        CheckHash(SHA256.HashData(bytes[headerLength..]), header, format, source, payloadLength);
        return new SealedPayload(version, headerLength, payloadLength);
    }

    private static int LengthOffset(BinaryFileFormat format) => (format.HeaderLength + 7) / 8 * 8;

    private static (int Version, long PayloadLength) CheckHeader(ReadOnlySpan<byte> header, long fileLength, BinaryFileFormat format, string source)
    {
        var version = format.ReadHeader(header, source).Version;
        var headerLength = HeaderLength(format);
        if (header.Length < headerLength)
            throw format.Error(source, header.Length, $"the file ends inside the {headerLength}-byte {format.Description} header; it is truncated");
        var lengthOffset = LengthOffset(format);
        var length = BinaryPrimitives.ReadInt64LittleEndian(header[lengthOffset..]);
        if (length != fileLength - headerLength)
            throw format.Error(source, lengthOffset,
                $"the header says the payload is {length} bytes but the file holds {fileLength - headerLength} after the header; the file is truncated or corrupt");
        return (version, length);
    }

    private static void CheckHash(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> header, BinaryFileFormat format, string source, long payloadLength)
    {
        var hashOffset = LengthOffset(format) + sizeof(long);
        if (!actual.SequenceEqual(header.Slice(hashOffset, HashLength)))
            throw format.Error(source, hashOffset,
                $"the SHA-256 of the payload (offset {HeaderLength(format)}, {payloadLength} bytes) does not match the header; the file is corrupt");
    }
}
