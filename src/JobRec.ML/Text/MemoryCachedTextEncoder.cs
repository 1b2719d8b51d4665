using System.Collections.Concurrent;

namespace JobRec.ML.Text;

/// <summary>Wraps an encoder and remembers each text's vector, so several models fitted on one catalog encode it once.</summary>
public sealed class MemoryCachedTextEncoder(ITextEncoder inner) : ITextEncoder
{
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public int Dimension => inner.Dimension;

    /// <summary>The encoder that computes vectors not remembered.</summary>
    public ITextEncoder Inner => inner;

    /// <summary>Number of distinct texts remembered.</summary>
    public int CachedCount => _cache.Count;

    /// <inheritdoc />
    public float[] Encode(IReadOnlyList<string> texts)
    {
        int d = Dimension;
        var missing = texts.Where(t => !_cache.ContainsKey(t ?? "")).Select(t => t ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = inner.Encode(missing);
            for (int i = 0; i < missing.Count; i++) _cache[missing[i]] = vectors.AsSpan(i * d, d).ToArray();
        }
        var result = new float[texts.Count * d];
        for (int i = 0; i < texts.Count; i++) _cache[texts[i] ?? ""].CopyTo(result, i * d);
        return result;
    }
}
