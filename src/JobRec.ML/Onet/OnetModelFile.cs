using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>The saved form of a trained <see cref="OnetClassifier"/> (re-ranker included): an 8-byte magic "JRONETCL", a format version, the payload
/// length and the payload's SHA-256, then the payload (what it was trained from, occupations, mixing weights, encoder probe embeddings, projection
/// head, title entries with their vectors, description vectors, learned classifiers, n-gram index, re-ranker). Loading checks the envelope before
/// parsing, so a truncated, corrupt or foreign file is an <see cref="InvalidDataException"/> that names the file and the offset.</summary>
public static class OnetModelFile
{
    /// <summary>Format version this build writes and reads.</summary>
    public const int Version = 3;

    /// <summary>Bytes before the payload: magic (8), version (4), reserved (4), payload length (8), SHA-256 (32).</summary>
    public const int HeaderLength = 56;

    private const int VersionOffset = 8;
    private const int LengthOffset = 16;
    private const int HashOffset = 24;
    private static readonly byte[] Magic = "JRONETCL"u8.ToArray();

    /// <summary>Writes <paramref name="classifier"/> to <paramref name="path"/> through a temporary file and a rename (an existing file is replaced only
    /// by a complete one); <paramref name="source"/> is stored as given, for <see cref="StoredOnetModel.Source"/>.</summary>
    /// <returns>The file's length in bytes.</returns>
    public static long Save(OnetClassifier classifier, string path, string source = "")
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(source);
        var payload = new MemoryStream();
        var writer = new OnetModelWriter(payload);
        writer.Section("META");
        writer.String(source);
        writer.String(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        classifier.WriteTo(writer);
        writer.Flush();

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(VersionOffset), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(LengthOffset), bytes.Length);
        SHA256.HashData(bytes).CopyTo(header, HashOffset);

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                output.Write(header);
                output.Write(bytes);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return HeaderLength + bytes.Length;
    }

    /// <summary>The format version in the header of the O*NET model file at <paramref name="path"/>, or null when the file is shorter than the
    /// version field or does not start with the model magic (reads 12 bytes, checks nothing else).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static int? FormatVersion(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"O*NET model file not found: {full}", full);
        Span<byte> head = stackalloc byte[VersionOffset + 4];
        using var stream = File.OpenRead(full);
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head[..Magic.Length].SequenceEqual(Magic)) return null;
        return BinaryPrimitives.ReadInt32LittleEndian(head[VersionOffset..]);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; queries are encoded with <paramref name="encoder"/>, which must be the encoder it was
    /// trained with (checked on stored probe embeddings).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an O*NET model, has another format version, is truncated or corrupt; the message
    /// names the file, the offset and what was wrong.</exception>
    /// <exception cref="OnetModelEncoderMismatchException"><paramref name="encoder"/> is not the encoder the model was trained with.</exception>
    public static StoredOnetModel Load(string path, ITextEncoder encoder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(encoder);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"O*NET model file not found: {full}", full);
        var data = File.ReadAllBytes(full);
        if (data.Length < Magic.Length || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            var found = Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, Magic.Length)).ReplaceLineEndings(" ");
            throw new InvalidDataException($"{full} offset 0: expected magic \"JRONETCL\", found \"{found}\"; not an O*NET model file (jobrec onet train writes them)");
        }
        if (data.Length < HeaderLength)
            throw new InvalidDataException($"{full}: {data.Length} bytes is shorter than the {HeaderLength}-byte O*NET model header; the file is truncated");
        int version = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(VersionOffset));
        if (version != Version)
            throw new InvalidDataException($"{full} offset {VersionOffset}: O*NET model format version {version} is not supported (this build reads {Version}); train the model again");
        long length = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(LengthOffset));
        if (length != data.Length - HeaderLength)
            throw new InvalidDataException(
                $"{full} offset {LengthOffset}: the header says the payload is {length} bytes but the file holds {data.Length - HeaderLength} after the header; the file is truncated or corrupt");
        var payload = data.AsSpan(HeaderLength);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(data.AsSpan(HashOffset, 32)))
            throw new InvalidDataException($"{full}: the SHA-256 of the payload (offset {HeaderLength}, {length} bytes) does not match the header (offset {HashOffset}); the file is corrupt");

        var reader = new OnetModelReader(full, data, HeaderLength);
        reader.Section("META");
        var source = reader.String("training source");
        var saved = reader.String("save time");
        var classifier = OnetClassifier.ReadFrom(reader, encoder);
        return new StoredOnetModel(classifier, source, saved);
    }
}
