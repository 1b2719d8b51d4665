namespace JobRec.ML.Language.Model;

/// <summary>Where one transformer block's parameters lie in the flat parameter array.</summary>
public sealed class BlockParameters
{
    /// <summary>Lays out block <paramref name="index"/> starting at <paramref name="offset"/> and advances it.</summary>
    internal BlockParameters(int index, TransformerConfig c, List<ParameterSegment> all, ref int offset)
    {
        int d = c.ModelDim, h = c.HiddenDim;
        Ln1Gain = Add(all, $"h{index}.ln1.g", d, false, ref offset);
        Ln1Bias = Add(all, $"h{index}.ln1.b", d, false, ref offset);
        QkvWeight = Add(all, $"h{index}.attn.qkv.w", d * 3 * d, true, ref offset);
        QkvBias = Add(all, $"h{index}.attn.qkv.b", 3 * d, false, ref offset);
        AttnProjWeight = Add(all, $"h{index}.attn.proj.w", d * d, true, ref offset);
        AttnProjBias = Add(all, $"h{index}.attn.proj.b", d, false, ref offset);
        Ln2Gain = Add(all, $"h{index}.ln2.g", d, false, ref offset);
        Ln2Bias = Add(all, $"h{index}.ln2.b", d, false, ref offset);
        FcWeight = Add(all, $"h{index}.mlp.fc.w", d * h, true, ref offset);
        FcBias = Add(all, $"h{index}.mlp.fc.b", h, false, ref offset);
        FcProjWeight = Add(all, $"h{index}.mlp.proj.w", h * d, true, ref offset);
        FcProjBias = Add(all, $"h{index}.mlp.proj.b", d, false, ref offset);
    }

    /// <summary>Pre-attention layer norm gain [D].</summary>
    public ParameterSegment Ln1Gain { get; }
    /// <summary>Pre-attention layer norm bias [D].</summary>
    public ParameterSegment Ln1Bias { get; }
    /// <summary>Query/key/value projection [D, 3D].</summary>
    public ParameterSegment QkvWeight { get; }
    /// <summary>Query/key/value bias [3D].</summary>
    public ParameterSegment QkvBias { get; }
    /// <summary>Attention output projection [D, D].</summary>
    public ParameterSegment AttnProjWeight { get; }
    /// <summary>Attention output bias [D].</summary>
    public ParameterSegment AttnProjBias { get; }
    /// <summary>Pre-MLP layer norm gain [D].</summary>
    public ParameterSegment Ln2Gain { get; }
    /// <summary>Pre-MLP layer norm bias [D].</summary>
    public ParameterSegment Ln2Bias { get; }
    /// <summary>MLP expansion [D, 4D].</summary>
    public ParameterSegment FcWeight { get; }
    /// <summary>MLP expansion bias [4D].</summary>
    public ParameterSegment FcBias { get; }
    /// <summary>MLP contraction [4D, D].</summary>
    public ParameterSegment FcProjWeight { get; }
    /// <summary>MLP contraction bias [D].</summary>
    public ParameterSegment FcProjBias { get; }

    internal static ParameterSegment Add(List<ParameterSegment> all, string name, int length, bool decays, ref int offset)
    {
        var segment = new ParameterSegment(name, offset, length, decays);
        all.Add(segment);
        offset += length;
        return segment;
    }
}
