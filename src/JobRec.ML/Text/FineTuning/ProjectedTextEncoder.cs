namespace JobRec.ML.Text.FineTuning;

/// <summary>An encoder followed by a fine-tuned <see cref="ProjectionHead"/>: the vectors other parts should use once a head is trained.</summary>
public sealed class ProjectedTextEncoder(ITextEncoder inner, ProjectionHead head) : ITextEncoder
{
    /// <inheritdoc />
    public int Dimension => head.Dimension;

    /// <inheritdoc />
    public float[] Encode(IReadOnlyList<string> texts) => head.Apply(inner.Encode(texts));
}
