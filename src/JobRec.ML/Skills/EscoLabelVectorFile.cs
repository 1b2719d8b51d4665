using System.Security.Cryptography;
using System.Text;
using JobRec.FileFormats;
using JobRec.ML.Text;

namespace JobRec.ML.Skills;

/// <summary>Caches the embedded ESCO labels of an <see cref="EscoSkillLinker"/> in a file, so a silo embeds the 13,895 labels once, not at every
/// start. Layout: magic "JREL", format version, encoder name, dimension, label count, SHA-256 of the labels (UTF-8, one per line), then the
/// vectors (float32, little-endian). A file of another encoder, dimension or label list is rebuilt.</summary>
public static class EscoLabelVectorFile
{
    /// <summary>Format version written.</summary>
    public const int FormatVersion = 1;

    /// <summary>The label vector cache format (magic "JREL"); a file this build does not read is rebuilt.</summary>
    public static readonly BinaryFileFormat Format = new("ESCO label vector cache", "JREL"u8, FormatVersion);

    /// <summary>A linker over <paramref name="labels"/>: the vectors come from <paramref name="path"/> when it holds them for this encoder and
    /// label list; otherwise they are embedded with <paramref name="encoder"/> and the file is (re)written atomically. A null path never caches.</summary>
    /// <param name="encoder">Embeds the labels (and later the spans).</param>
    /// <param name="encoderName">Name of the encoder (part of the cache key).</param>
    /// <param name="labels">The ESCO labels.</param>
    /// <param name="path">The cache file, or null.</param>
    /// <param name="log">Receives a line when the labels are embedded.</param>
    public static EscoSkillLinker LoadOrBuild(ITextEncoder encoder, string encoderName, IReadOnlyList<string> labels, string? path, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(labels);
        var hash = Hash(labels);
        if (path is not null && TryLoad(path, encoderName, encoder.Dimension, labels.Count, hash) is { } cached)
            return new EscoSkillLinker(encoder, labels, cached);
        log?.Invoke($"skills: embedding {labels.Count:N0} ESCO skill labels with {encoderName} (once; cached in {path ?? "memory"})");
        var linker = new EscoSkillLinker(encoder, labels);
        if (path is not null) Save(path, encoderName, encoder.Dimension, labels.Count, hash, linker.LabelVectors);
        return linker;
    }

    private static byte[] Hash(IReadOnlyList<string> labels)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var label in labels) { sha.AppendData(Encoding.UTF8.GetBytes(label)); sha.AppendData("\n"u8); }
        return sha.GetHashAndReset();
    }

    private static float[]? TryLoad(string path, string encoderName, int dimension, int count, byte[] hash)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            Format.ReadHeader(reader.BaseStream, path);
            if (reader.ReadString() != encoderName
                || reader.ReadInt32() != dimension || reader.ReadInt32() != count || !reader.ReadBytes(32).AsSpan().SequenceEqual(hash))
                return null;
            var values = new float[(long)count * dimension];
            var bytes = reader.ReadBytes(values.Length * sizeof(float));
            if (bytes.Length != values.Length * sizeof(float) || reader.BaseStream.Position != reader.BaseStream.Length) return null;
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            return null; // truncated, foreign or another format version: rebuilt
        }
    }

    private static void Save(string path, string encoderName, int dimension, int count, byte[] hash, ReadOnlySpan<float> vectors)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            Format.WriteHeader(writer);
            writer.Write(encoderName);
            writer.Write(dimension);
            writer.Write(count);
            writer.Write(hash);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors));
        }
        File.Move(temporary, full, overwrite: true);
    }
}
