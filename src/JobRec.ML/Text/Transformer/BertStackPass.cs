using JobRec.ML.Language.Layers;

namespace JobRec.ML.Text.Transformer;

/// <summary>What <see cref="BertLayerStack.Forward"/> keeps for <see cref="BertLayerStack.Backward"/>: per layer its input and intermediate
/// activations over the packed rows, per layer and sequence the attention probabilities, and the backward pass's scratch. Its buffers only
/// grow, so a pass handed back to <see cref="BertLayerStack.Forward"/> as <c>reuse</c> costs no new large arrays (fresh arrays of hundreds of
/// MB per batch cost more in page faults and collections than the arithmetic).</summary>
public sealed class BertStackPass
{
    internal BertStackPass(int layers) => Layers = Enumerable.Range(0, layers).Select(_ => new LayerActivations()).ToArray();

    /// <summary>Token count of each sequence, in row order.</summary>
    public int[] Lengths { get; private set; } = [];

    /// <summary>Total rows (tokens) of the pass.</summary>
    public int Rows { get; private set; }

    /// <summary>The stack's output, exactly [Rows × Dim] row-major, sequence after sequence (a new array per pass).</summary>
    public float[] Output { get; internal set; } = [];

    internal LayerActivations[] Layers { get; }

    internal float[] Scratch(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
        return buffer;
    }

    internal void Prepare(int[] lengths, int rows, int dim, int intermediate, int heads, int layers)
    {
        Lengths = lengths;
        Rows = rows;
        for (int l = 0; l < layers; l++) Layers[l].Prepare(lengths, rows, dim, intermediate, heads);
    }

    /// <summary>Whether every layer's activations were kept (a training pass), so that <see cref="BertLayerStack.Backward"/> can run.</summary>
    public bool KeptForBackward { get; internal set; }

    internal float[] DResidual2 = [], DHidden1 = [], DActivated = [], DExpanded = [], DResidual1 = [], DAttended = [], DQkv = [], DInput = [];

    internal sealed class LayerActivations
    {
        public float[] Input = [], Qkv = [], Attended = [], Residual1 = [], Hidden1 = [], Expanded = [], Activated = [], Residual2 = [], Output = [];
        public float[] Mean1 = [], Rstd1 = [], Mean2 = [], Rstd2 = [];
        public AttentionActivations[] Attention = [];

        public void Prepare(int[] lengths, int rows, int dim, int intermediate, int heads)
        {
            Grow(ref Qkv, rows * 3 * dim);
            Grow(ref Attended, rows * dim);
            Grow(ref Residual1, rows * dim);
            Grow(ref Hidden1, rows * dim);
            Grow(ref Expanded, rows * intermediate);
            Grow(ref Activated, rows * intermediate);
            Grow(ref Residual2, rows * dim);
            Grow(ref Output, rows * dim);
            Grow(ref Mean1, rows);
            Grow(ref Rstd1, rows);
            Grow(ref Mean2, rows);
            Grow(ref Rstd2, rows);
            if (Attention.Length < lengths.Length) Array.Resize(ref Attention, lengths.Length);
            for (int s = 0; s < lengths.Length; s++)
                if (Attention[s] is not { } a || a.Probabilities.Length < heads * lengths[s] * lengths[s] || a.Query.Length < lengths[s] * dim)
                    Attention[s] = new AttentionActivations(1, lengths[s], dim, heads);
        }

        private static void Grow(ref float[] buffer, int length)
        {
            if (buffer.Length < length) buffer = new float[length];
        }
    }
}
