namespace JobRec.ML.Language.Model;

/// <summary>Shape of a decoder-only transformer: vocabulary, context length, width, heads and depth.</summary>
/// <param name="VocabSize">Number of token ids.</param>
/// <param name="ContextLength">Longest sequence the position embedding covers.</param>
/// <param name="ModelDim">Width of the residual stream.</param>
/// <param name="Heads">Attention heads per block; must divide <paramref name="ModelDim"/>.</param>
/// <param name="Layers">Number of transformer blocks.</param>
public sealed record TransformerConfig(int VocabSize, int ContextLength, int ModelDim, int Heads, int Layers)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadDim => ModelDim / Heads;

    /// <summary>Width of the MLP hidden layer (4 x model width).</summary>
    public int HiddenDim => 4 * ModelDim;

    /// <summary>Throws when a dimension is not positive or the heads do not divide the width.</summary>
    /// <exception cref="ArgumentException">The configuration names an impossible shape.</exception>
    public void Validate()
    {
        if (VocabSize <= 0 || ContextLength <= 0 || ModelDim <= 0 || Heads <= 0 || Layers <= 0)
            throw new ArgumentException($"transformer dimensions must be positive: {this}");
        if (ModelDim % Heads != 0)
            throw new ArgumentException($"ModelDim {ModelDim} is not divisible by Heads {Heads}");
    }
}
