using System.Security.Cryptography;
using System.Text;
using JobRec.FileFormats;

namespace JobRec.ML.Skills;

/// <summary>A file cache of word vectors, so that experiments encode each sentence once: one file per (model, feature version, sentence list),
/// named by a SHA-256 of those, values stored as 16-bit floats (the training code works on the rounded values either way).</summary>
public static class WordStateCache
{
    /// <summary>The word-state cache format (magic "JRWS", version 1); a file this build does not read is ignored and rewritten.</summary>
    public static readonly BinaryFileFormat Format = new("word-state cache", "JRWS"u8, version: 1);

    /// <summary>Vectors of <paramref name="sentences"/> from <paramref name="directory"/> when cached there, else computed by <paramref name="encoder"/>
    /// and written (atomically). A null <paramref name="directory"/> disables the cache. Values are rounded to 16-bit floats in both cases.</summary>
    public static float[][] LoadOrCompute(string? directory, WordStateEncoder encoder, IReadOnlyList<string[]> sentences, Action<string>? log = null)
    {
        string? path = directory is null ? null : Path.Combine(directory, $"{encoder.Encoder.Model.Name}-{Key(encoder, sentences)}.f16");
        if (path is not null && File.Exists(path))
        {
            try
            {
                var cached = Read(path, sentences, encoder.Dimension);
                log?.Invoke($"word states of {sentences.Count} sentences read from {path}");
                return cached;
            }
            catch (InvalidDataException e)
            {
                log?.Invoke($"ignoring the word-state cache: {e.Message}");
            }
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var vectors = encoder.Encode(sentences, n => { if (n % 1024 == 0 || n == sentences.Count) log?.Invoke($"encoded {n}/{sentences.Count} sentences ({watch.Elapsed.TotalSeconds:F0} s)"); });
        foreach (var v in vectors) for (int i = 0; i < v.Length; i++) v[i] = (float)(Half)v[i];
        if (path is not null) Write(path, vectors, encoder.Dimension);
        return vectors;
    }

    private static string Key(WordStateEncoder encoder, IReadOnlyList<string[]> sentences)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{encoder.Encoder.Model.Name}|{encoder.Encoder.Model.ModelSha256}|{WordStateEncoder.FeatureVersion}|{encoder.Dimension}|{encoder.MaxPiecesPerChunk}\n"));
        foreach (var s in sentences) hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\u0001', s) + "\u0002"));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..20];
    }

    private static void Write(string path, float[][] vectors, int dimension)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(temporary), 1 << 20)))
        {
            Format.WriteHeader(writer);
            writer.Write(vectors.Length);
            writer.Write(dimension);
            foreach (var v in vectors)
            {
                writer.Write(v.Length / dimension);
                foreach (var x in v) writer.Write((Half)x);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static float[][] Read(string path, IReadOnlyList<string[]> sentences, int dimension)
    {
        using var reader = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 20));
        try
        {
            Format.ReadHeader(reader.BaseStream, path);
            if (reader.ReadInt32() != sentences.Count || reader.ReadInt32() != dimension) throw new InvalidDataException($"{path}: sentence count or dimension differs");
            var result = new float[sentences.Count][];
            for (int s = 0; s < sentences.Count; s++)
            {
                int words = reader.ReadInt32();
                if (words != sentences[s].Length) throw new InvalidDataException($"{path}: sentence {s} has {words} words, expected {sentences[s].Length}");
                var v = result[s] = new float[words * dimension];
                for (int i = 0; i < v.Length; i++) v[i] = (float)reader.ReadHalf();
            }
            return result;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated");
        }
    }
}
