using System.Globalization;
using JobRec.FileFormats;
using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>The saved form of a trained <see cref="OnetClassifier"/> (re-ranker included): a <see cref="ChecksummedFile"/> with magic "JRONETCL"
/// and format version 4 (56-byte header: magic, version, payload length, the payload's SHA-256), then the payload (what it was trained from,
/// occupations, mixing weights, encoder probe embeddings and the encoder's model-file identity, projection head, title entries with their vectors, description vectors, learned
/// classifiers, n-gram index, re-ranker). Loading checks the envelope before parsing, so a truncated, corrupt or foreign file is an
/// <see cref="InvalidDataException"/> that names the file and the offset.</summary>
public static class OnetModelFile
{
    /// <summary>Format version this build writes and reads.</summary>
    public const int Version = 4;

    /// <summary>The O*NET model file format.</summary>
    public static readonly BinaryFileFormat Format = new("O*NET model", "JRONETCL"u8, Version, remedy: "train the model again (jobrec onet train)");

    /// <summary>Bytes before the payload: magic (8), version (4), reserved (4), payload length (8), SHA-256 (32).</summary>
    public static int HeaderLength => ChecksummedFile.HeaderLength(Format);

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
        payload.Position = 0;
        return ChecksummedFile.Write(path, Format, payload);
    }

    /// <summary>The format version in the header of the O*NET model file at <paramref name="path"/>, or null when the file is shorter than the
    /// version field or does not start with the model magic (reads 12 bytes, checks nothing else).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static int? FormatVersion(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Format.PeekVersion(Path.GetFullPath(path));
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
        var sealedPayload = ChecksummedFile.Verify(data, Format, full);
        var reader = new OnetModelReader(full, data, (int)sealedPayload.Offset);
        reader.Section("META");
        var source = reader.String("training source");
        var saved = reader.String("save time");
        var classifier = OnetClassifier.ReadFrom(reader, encoder);
        return new StoredOnetModel(classifier, source, saved);
    }
}
