using System.Numerics.Tensors;
using JobRec.Data.Hashing;

namespace JobRec.ML.Text;

/// <summary>
/// A fast lexical text encoder: words and in-word character trigrams hashed (signed) into a fixed number of
/// dimensions, optionally weighted by inverse document frequency of each dimension, L2-normalised.
/// </summary>
public sealed class HashedTextEncoder : ITextEncoder
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "or", "the", "of", "to", "in", "for", "with", "at", "on", "by", "from", "is", "are", "be",
        "as", "our", "we", "you", "your", "na", "inc", "llc",
    };

    private readonly float[] _idf;

    /// <summary>Creates an encoder with <paramref name="dimension"/> buckets; <paramref name="trigramWeight"/> scales character trigrams against words.</summary>
    public HashedTextEncoder(int dimension = 512, float trigramWeight = 0.25f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 8);
        Dimension = dimension;
        TrigramWeight = trigramWeight;
        _idf = new float[dimension];
        Array.Fill(_idf, 1f);
    }

    private HashedTextEncoder(int dimension, float trigramWeight, float[] idf) : this(dimension, trigramWeight) => _idf = idf;

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Weight of a character trigram relative to a whole word.</summary>
    public float TrigramWeight { get; }

    /// <summary>Per-dimension inverse document frequency weights (all 1 until <see cref="WithIdf"/>).</summary>
    public ReadOnlySpan<float> Idf => _idf;

    /// <summary>A copy of this encoder whose dimensions are weighted by ln((1 + N) / (1 + df)) + 1 over the given corpus.</summary>
    public HashedTextEncoder WithIdf(IEnumerable<string> corpus)
    {
        var df = new int[Dimension];
        var seen = new bool[Dimension];
        int documents = 0;
        var raw = new float[Dimension];
        foreach (var text in corpus)
        {
            documents++;
            Array.Clear(raw);
            Accumulate(text, raw);
            for (int d = 0; d < Dimension; d++) seen[d] = raw[d] != 0;
            for (int d = 0; d < Dimension; d++) if (seen[d]) df[d]++;
        }
        var idf = new float[Dimension];
        for (int d = 0; d < Dimension; d++) idf[d] = MathF.Log((1f + documents) / (1f + df[d])) + 1f;
        return new HashedTextEncoder(Dimension, TrigramWeight, idf);
    }

    /// <summary>Rebuilds an encoder from saved IDF weights.</summary>
    public static HashedTextEncoder FromIdf(float[] idf, float trigramWeight = 0.25f) => new(idf.Length, trigramWeight, (float[])idf.Clone());

    /// <inheritdoc />
    public float[] Encode(IReadOnlyList<string> texts)
    {
        var result = new float[texts.Count * Dimension];
        for (int i = 0; i < texts.Count; i++)
        {
            var row = result.AsSpan(i * Dimension, Dimension);
            Accumulate(texts[i] ?? "", row);
            TensorPrimitives.Multiply(row, _idf, row);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
        return result;
    }

    private void Accumulate(string text, Span<float> row)
    {
        Span<char> word = stackalloc char[64];
        int length = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? char.ToLowerInvariant(text[i]) : ' ';
            if (char.IsLetterOrDigit(c) || c == '+' || c == '#')
            {
                if (length < word.Length) word[length++] = c;
                continue;
            }
            if (length > 0) AddWord(word[..length], row);
            length = 0;
        }
    }

    private void AddWord(ReadOnlySpan<char> word, Span<float> row)
    {
        if (word.Length == 1 && !char.IsDigit(word[0])) return;
        if (word.Length <= 4 && StopWords.Contains(word.ToString())) return;
        Add(Hash(word, 0x5bd1e995u), 1f, row);
        if (TrigramWeight <= 0 || word.Length < 3) return;
        Span<char> padded = stackalloc char[word.Length + 2];
        padded[0] = '<';
        word.CopyTo(padded[1..]);
        padded[^1] = '>';
        for (int i = 0; i + 3 <= padded.Length; i++) Add(Hash(padded.Slice(i, 3), 0x27d4eb2fu), TrigramWeight, row);
    }

    private void Add(uint hash, float weight, Span<float> row)
    {
        int bucket = (int)(hash % (uint)Dimension);
        row[bucket] += (hash & 0x80000000u) != 0 ? -weight : weight;
    }

    private static uint Hash(ReadOnlySpan<char> s, uint seed)
    {
        uint h = Fnv1a.Hash32(s, Fnv1a.OffsetBasis32 ^ seed);
        h ^= h >> 15; h *= 0x85ebca6bu; h ^= h >> 13;
        return h;
    }
}
