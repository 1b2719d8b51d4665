using JobRec.ML.Language.Layers;

namespace JobRec.ML.Text.Transformer;

/// <summary>What <see cref="BertLayerStack.Forward"/> keeps for <see cref="BertLayerStack.Backward"/>: per layer its input and intermediate
/// activations over the packed rows, and per layer and sequence the attention probabilities.</summary>
public sealed class BertStackPass
{
    internal BertStackPass(int[] lengths, int layers, int rows, int dim, int intermediate, int heads)
    {
        Lengths = lengths;
        Rows = rows;
        Layers = new LayerActivations[layers];
        for (int l = 0; l < layers; l++) Layers[l] = new LayerActivations(lengths, rows, dim, intermediate, heads);
    }

    /// <summary>Token count of each sequence, in row order.</summary>
    public int[] Lengths { get; }

    /// <summary>Total rows (tokens) of the pass.</summary>
    public int Rows { get; }

    /// <summary>The stack's output, [Rows × Dim] row-major, sequence after sequence.</summary>
    public float[] Output { get; internal set; } = [];

    internal LayerActivations[] Layers { get; }

    internal sealed class LayerActivations
    {
        public LayerActivations(int[] lengths, int rows, int dim, int intermediate, int heads)
        {
            Qkv = new float[rows * 3 * dim];
            Attended = new float[rows * dim];
            Residual1 = new float[rows * dim];
            Hidden1 = new float[rows * dim];
            Expanded = new float[rows * intermediate];
            Activated = new float[rows * intermediate];
            Residual2 = new float[rows * dim];
            Mean1 = new float[rows];
            Rstd1 = new float[rows];
            Mean2 = new float[rows];
            Rstd2 = new float[rows];
            Attention = lengths.Select(n => new AttentionActivations(1, n, dim, heads)).ToArray();
        }

        public float[] Input = [];
        public readonly float[] Qkv, Attended, Residual1, Hidden1, Expanded, Activated, Residual2, Mean1, Rstd1, Mean2, Rstd2;
        public readonly AttentionActivations[] Attention;
    }
}
