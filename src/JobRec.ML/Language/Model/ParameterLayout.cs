namespace JobRec.ML.Language.Model;

/// <summary>Where every parameter of a <see cref="TransformerConfig"/> lies in one flat float array (weights, gradients and optimizer moments share it).</summary>
public sealed class ParameterLayout
{
    private readonly List<ParameterSegment> _segments = [];

    /// <summary>Lays out the parameters of <paramref name="config"/>.</summary>
    public ParameterLayout(TransformerConfig config)
    {
        config.Validate();
        Config = config;
        int offset = 0;
        TokenEmbedding = BlockParameters.Add(_segments, "wte", config.VocabSize * config.ModelDim, true, ref offset);
        PositionEmbedding = BlockParameters.Add(_segments, "wpe", config.ContextLength * config.ModelDim, true, ref offset);
        var blocks = new BlockParameters[config.Layers];
        for (int l = 0; l < config.Layers; l++) blocks[l] = new BlockParameters(l, config, _segments, ref offset);
        Blocks = blocks;
        FinalNormGain = BlockParameters.Add(_segments, "lnf.g", config.ModelDim, false, ref offset);
        FinalNormBias = BlockParameters.Add(_segments, "lnf.b", config.ModelDim, false, ref offset);
        Count = offset;
    }

    /// <summary>The shape this layout is for.</summary>
    public TransformerConfig Config { get; }
    /// <summary>Total number of parameters.</summary>
    public int Count { get; }
    /// <summary>Token embedding [V, D], also the (tied) output projection.</summary>
    public ParameterSegment TokenEmbedding { get; }
    /// <summary>Position embedding [T, D].</summary>
    public ParameterSegment PositionEmbedding { get; }
    /// <summary>The blocks, first to last.</summary>
    public IReadOnlyList<BlockParameters> Blocks { get; }
    /// <summary>Final layer norm gain [D].</summary>
    public ParameterSegment FinalNormGain { get; }
    /// <summary>Final layer norm bias [D].</summary>
    public ParameterSegment FinalNormBias { get; }
    /// <summary>Every segment in array order.</summary>
    public IReadOnlyList<ParameterSegment> Segments => _segments;
}
