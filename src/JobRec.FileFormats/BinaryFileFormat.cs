using System.Buffers.Binary;
using System.Text;

namespace JobRec.FileFormats;

/// <summary>
/// One binary file format of JobRec: the magic bytes a file starts with, then its format version (int32, little-endian). The one place
/// where a header is written and checked: a file that does not start with the magic, is shorter than the header, or holds a version this
/// build does not read is an <see cref="InvalidDataException"/> with one line naming the file, the offset, what was expected and what was found.
/// </summary>
/// <remarks>A format that was once written without a version field can name that old magic (<see cref="UnversionedMagic"/>): files starting
/// with it are read as <see cref="UnversionedVersion"/> with a header of the old magic alone, so files already on disk keep loading.</remarks>
public sealed class BinaryFileFormat
{
    /// <summary>The version given to files that start with <see cref="UnversionedMagic"/> (written before the format had a version field).</summary>
    public const int UnversionedVersion = 1;

    private readonly byte[] _magic;
    private readonly byte[]? _unversionedMagic;

    /// <summary>Describes a format.</summary>
    /// <param name="description">What such a file is, for messages ("skill tagger model").</param>
    /// <param name="magic">The bytes every file of this format starts with (at least 2).</param>
    /// <param name="version">The format version this build writes (at least 1); it also reads every version from <paramref name="oldestReadable"/> up.</param>
    /// <param name="oldestReadable">The oldest version this build reads (default: only <paramref name="version"/>).</param>
    /// <param name="remedy">What to do about a file of an older version, appended to that error ("retrain with jobrec train skills").</param>
    /// <param name="unversionedMagic">The magic of files written before the format had a version field, read as version 1; null when none.</param>
    /// <exception cref="ArgumentException">A magic shorter than 2 bytes, a version below 1 or an oldest readable version outside 1..version.</exception>
    public BinaryFileFormat(string description, ReadOnlySpan<byte> magic, int version, int? oldestReadable = null, string? remedy = null,
        byte[]? unversionedMagic = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (magic.Length < 2) throw new ArgumentException($"magic of {description} must be at least 2 bytes", nameof(magic));
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var oldest = oldestReadable ?? version;
        if (oldest < 1 || oldest > version) throw new ArgumentOutOfRangeException(nameof(oldestReadable), $"oldest readable version {oldest} of {description} is outside 1..{version}");
        if (unversionedMagic is not null && (unversionedMagic.Length < 2 || unversionedMagic.Length > magic.Length + sizeof(int) || oldest > UnversionedVersion
            || unversionedMagic.AsSpan().StartsWith(magic) || magic.StartsWith(unversionedMagic)))
            throw new ArgumentException($"unversioned magic of {description} needs 2 to {magic.Length + sizeof(int)} bytes, version {UnversionedVersion} readable and no common prefix with the magic",
                nameof(unversionedMagic));
        Description = description;
        _magic = magic.ToArray();
        Version = version;
        OldestReadable = oldest;
        Remedy = remedy;
        _unversionedMagic = unversionedMagic?.ToArray();
    }

    /// <summary>What such a file is, as messages name it.</summary>
    public string Description { get; }

    /// <summary>The bytes a file of this format starts with.</summary>
    public ReadOnlySpan<byte> Magic => _magic;

    /// <summary>The magic of files written before the format had a version field (read as <see cref="UnversionedVersion"/>); empty when none.</summary>
    public ReadOnlySpan<byte> UnversionedMagic => _unversionedMagic;

    /// <summary>The format version this build writes.</summary>
    public int Version { get; }

    /// <summary>The oldest format version this build reads.</summary>
    public int OldestReadable { get; }

    /// <summary>What to do about a file of an unsupported older version, or null.</summary>
    public string? Remedy { get; }

    /// <summary>Bytes of the header this build writes: the magic and the int32 version.</summary>
    public int HeaderLength => _magic.Length + sizeof(int);

    /// <summary>The magic as text: printable ASCII as is, other bytes as <c>\xNN</c>.</summary>
    public string MagicText => Printable(_magic);

    /// <summary>Writes the header (magic, <see cref="Version"/>) into the first <see cref="HeaderLength"/> bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the header.</exception>
    public void WriteHeader(Span<byte> destination)
    {
        if (destination.Length < HeaderLength) throw new ArgumentException($"{destination.Length} bytes cannot hold the {HeaderLength}-byte {Description} header", nameof(destination));
        _magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[_magic.Length..], Version);
    }

    /// <summary>Writes the header (magic, <see cref="Version"/>) at the current position of <paramref name="stream"/>.</summary>
    public void WriteHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderLength];
        WriteHeader(header);
        stream.Write(header);
    }

    /// <summary>Writes the header through <paramref name="writer"/> (after flushing it, so the bytes land in order).</summary>
    public void WriteHeader(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Flush();
        WriteHeader(writer.BaseStream);
    }

    /// <summary>Reads and checks the header at the current position of <paramref name="stream"/>, leaving the stream just after it.</summary>
    /// <param name="stream">The file, positioned at its start.</param>
    /// <param name="source">Names the file in errors (usually its path).</param>
    /// <exception cref="InvalidDataException">Wrong magic, a version this build does not read, or fewer bytes than the header (one line).</exception>
    public FileHeader ReadHeader(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[HeaderLength];
        // An unversioned header is never longer than a versioned one: read it first so a stream is not read past its header.
        var first = _unversionedMagic?.Length ?? HeaderLength;
        var read = stream.ReadAtLeast(buffer.AsSpan(0, first), first, throwOnEndOfStream: false);
        if (_unversionedMagic is not null && buffer.AsSpan(0, read).SequenceEqual(_unversionedMagic)) return new FileHeader(UnversionedVersion, read);
        if (read == first && read < HeaderLength) read += stream.ReadAtLeast(buffer.AsSpan(read), HeaderLength - read, throwOnEndOfStream: false);
        return Check(buffer.AsSpan(0, read), source);
    }

    /// <summary>Reads and checks the header at the start of <paramref name="bytes"/> (a whole file or its first bytes).</summary>
    /// <exception cref="InvalidDataException">Wrong magic, a version this build does not read, or fewer bytes than the header (one line).</exception>
    public FileHeader ReadHeader(ReadOnlySpan<byte> bytes, string source)
    {
        if (_unversionedMagic is not null && bytes.StartsWith(_unversionedMagic)) return new FileHeader(UnversionedVersion, _unversionedMagic.Length);
        return Check(bytes[..Math.Min(bytes.Length, HeaderLength)], source);
    }

    /// <summary>Opens <paramref name="path"/> and reads and checks its header.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Wrong magic, a version this build does not read, or fewer bytes than the header (one line).</exception>
    public FileHeader ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{Description} not found: {path}", path);
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>The version in the header of <paramref name="path"/> without judging it (also an unsupported one), or null when the file does not
    /// start with this format's magic or ends inside the header.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public int? PeekVersion(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{Description} not found: {path}", path);
        var head = new byte[HeaderLength];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        if (_unversionedMagic is not null && bytes.StartsWith(_unversionedMagic)) return UnversionedVersion;
        return bytes.Length >= HeaderLength && bytes.StartsWith(_magic) ? BinaryPrimitives.ReadInt32LittleEndian(bytes[_magic.Length..]) : null;
    }

    /// <summary>An error about <paramref name="source"/> in the same one-line form as the header errors: "source offset N: message".</summary>
    public InvalidDataException Error(string source, long offset, string message) => new($"{source} offset {offset}: {message}");

    private FileHeader Check(ReadOnlySpan<byte> bytes, string source)
    {
        var magicBytes = bytes[..Math.Min(bytes.Length, _magic.Length)];
        if (!_magic.AsSpan(0, magicBytes.Length).SequenceEqual(magicBytes))
            throw Error(source, 0, $"expected magic \"{MagicText}\", found \"{Printable(magicBytes)}\"; not {Article(Description)} {Description}");
        if (bytes.Length < HeaderLength)
            throw Error(source, bytes.Length, $"the file ends inside the {HeaderLength}-byte {Description} header; it is truncated");
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes[_magic.Length..]);
        if (version > Version)
            throw Error(source, _magic.Length, $"{Description} format version {version} is not supported: this build reads {Readable()}, the file was written by a newer one");
        if (version < OldestReadable)
            throw Error(source, _magic.Length, $"{Description} format version {version} is not supported: this build reads {Readable()}, the file was written by an older one"
                + (Remedy is null ? "" : $"; {Remedy}"));
        return new FileHeader(version, HeaderLength);
    }

    private string Readable() => OldestReadable == Version ? $"version {Version}" : $"versions {OldestReadable} to {Version}";

    private static string Article(string noun) => "AEIOUaeiou".Contains(noun[0]) ? "an" : "a";

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'"' && b != (byte)'\\') text.Append((char)b);
            else text.Append($"\\x{b:X2}");
        }
        return text.ToString();
    }
}
