namespace JobRec.ML.Language.Model;

/// <summary>A named run of values inside the flat parameter (or gradient) array.</summary>
/// <param name="Name">Parameter name, e.g. "h0.attn.qkv.w".</param>
/// <param name="Offset">First index in the flat array.</param>
/// <param name="Length">Number of values.</param>
/// <param name="Decays">True when AdamW applies weight decay (matrices and embeddings, not biases or norms).</param>
public readonly record struct ParameterSegment(string Name, int Offset, int Length, bool Decays)
{
    /// <summary>The segment's values in <paramref name="values"/>.</summary>
    public Span<float> Of(float[] values) => values.AsSpan(Offset, Length);
}
