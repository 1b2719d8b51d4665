namespace JobRec.ML.Language.Layers;

/// <summary>What one attention layer keeps from its forward pass for the backward pass: head-major q, k, v and the causal probabilities.</summary>
public sealed class AttentionActivations
{
    /// <summary>Allocates buffers for a batch of <paramref name="batch"/> sequences of <paramref name="seqLen"/> tokens.</summary>
    public AttentionActivations(int batch, int seqLen, int dim, int heads)
    {
        Query = new float[batch * seqLen * dim];
        Key = new float[batch * seqLen * dim];
        Value = new float[batch * seqLen * dim];
        Probabilities = new float[batch * heads * seqLen * seqLen];
    }

    /// <summary>Queries [B, H, T, hd].</summary>
    public float[] Query { get; }
    /// <summary>Keys [B, H, T, hd].</summary>
    public float[] Key { get; }
    /// <summary>Values [B, H, T, hd].</summary>
    public float[] Value { get; }
    /// <summary>Attention probabilities [B, H, T, T], zero above the diagonal.</summary>
    public float[] Probabilities { get; }
}
