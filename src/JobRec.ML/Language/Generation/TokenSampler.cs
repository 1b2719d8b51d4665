using System.Numerics.Tensors;

namespace JobRec.ML.Language.Generation;

/// <summary>Picks the next token from logits: greedy, or temperature sampling restricted by top-k and top-p.</summary>
public sealed class TokenSampler
{
    private readonly GenerationOptions _options;
    private readonly Random _rng;

    /// <summary>Creates a sampler for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">TopK is negative or TopP is outside (0, 1].</exception>
    public TokenSampler(GenerationOptions options)
    {
        if (options.TopK < 0) throw new ArgumentOutOfRangeException(nameof(options), options.TopK, "TopK must be 0 (off) or positive");
        if (!(options.TopP > 0 && options.TopP <= 1)) throw new ArgumentOutOfRangeException(nameof(options), options.TopP, "TopP must be in (0, 1]");
        _options = options;
        _rng = new Random(options.Seed);
    }

    /// <summary>Returns the chosen token id.</summary>
    public int Next(ReadOnlySpan<float> logits)
    {
        if (_options.Temperature <= 0) return TensorPrimitives.IndexOfMax(logits);
        var probs = new float[logits.Length];
        TensorPrimitives.Divide(logits, _options.Temperature, probs);
        TensorPrimitives.SoftMax(probs, probs);
        var order = new int[probs.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => probs[b].CompareTo(probs[a]));
        int keep = _options.TopK > 0 ? Math.Min(_options.TopK, order.Length) : order.Length;
        if (_options.TopP < 1)
        {
            float cumulative = 0;
            for (int i = 0; i < keep; i++)
            {
                cumulative += probs[order[i]];
                if (cumulative >= _options.TopP) { keep = i + 1; break; }
            }
        }
        float total = 0;
        for (int i = 0; i < keep; i++) total += probs[order[i]];
        float u = (float)_rng.NextDouble() * total;
        for (int i = 0; i < keep; i++)
        {
            u -= probs[order[i]];
            if (u <= 0) return order[i];
        }
        return order[keep - 1];
    }
}
