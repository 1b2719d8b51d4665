using System.Numerics.Tensors;
using JobRec.ML.Language.Layers;
using JobRec.ML.Language.Model;

namespace JobRec.ML.Text.Transformer;

/// <summary>A trainable copy of the top layers of a BERT encoder: post-LayerNorm layers (self-attention, residual, LayerNorm; dense, exact GELU,
/// dense, residual, LayerNorm), over packed variable-length sequences without padding, each sequence attending only to itself.
/// Parameters and gradients are flat arrays laid out by <see cref="Segments"/>; dense weights are [In, Out] row-major as the ONNX export stores them.</summary>
public sealed class BertLayerStack
{
    /// <summary>LayerNorm epsilon of BERT models (1e-12).</summary>
    public const float NormEpsilon = 1e-12f;

    private const int Version = 1;
    private readonly List<ParameterSegment> _segments = [];
    private readonly LayerOffsets[] _layers;

    /// <summary>Creates a stack of <paramref name="layerCount"/> zero-initialised layers whose first is layer <paramref name="firstLayer"/> of its model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or <paramref name="dim"/> is not a multiple of <paramref name="heads"/>.</exception>
    public BertLayerStack(int firstLayer, int layerCount, int dim, int intermediate, int heads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstLayer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layerCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intermediate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        if (dim % heads != 0) throw new ArgumentOutOfRangeException(nameof(heads), $"{dim}-d states do not split into {heads} heads");
        FirstLayer = firstLayer;
        LayerCount = layerCount;
        Dim = dim;
        Intermediate = intermediate;
        Heads = heads;
        int offset = 0;
        _layers = new LayerOffsets[layerCount];
        for (int l = 0; l < layerCount; l++)
        {
            string p = $"layer{firstLayer + l}.";
            _layers[l] = new LayerOffsets(
                Add(p + "qkv.w", dim * 3 * dim, true, ref offset), Add(p + "qkv.b", 3 * dim, false, ref offset),
                Add(p + "attn.out.w", dim * dim, true, ref offset), Add(p + "attn.out.b", dim, false, ref offset),
                Add(p + "attn.norm.g", dim, false, ref offset), Add(p + "attn.norm.b", dim, false, ref offset),
                Add(p + "ffn.in.w", dim * intermediate, true, ref offset), Add(p + "ffn.in.b", intermediate, false, ref offset),
                Add(p + "ffn.out.w", intermediate * dim, true, ref offset), Add(p + "ffn.out.b", dim, false, ref offset),
                Add(p + "out.norm.g", dim, false, ref offset), Add(p + "out.norm.b", dim, false, ref offset));
        }
        Parameters = new float[offset];
        Gradients = new float[offset];
    }

    /// <summary>Index of the stack's first layer in its model (the states it reads are those after this many layers).</summary>
    public int FirstLayer { get; }

    /// <summary>Number of layers in the stack.</summary>
    public int LayerCount { get; }

    /// <summary>Width of the token states.</summary>
    public int Dim { get; }

    /// <summary>Width of the feed-forward hidden layer.</summary>
    public int Intermediate { get; }

    /// <summary>Attention heads per layer.</summary>
    public int Heads { get; }

    /// <summary>All parameters, flat (see <see cref="Segments"/>).</summary>
    public float[] Parameters { get; }

    /// <summary>Gradients accumulated by <see cref="Backward"/>, same layout as <see cref="Parameters"/>.</summary>
    public float[] Gradients { get; }

    /// <summary>Named runs of <see cref="Parameters"/>; dense weights decay under AdamW, biases and norms do not.</summary>
    public IReadOnlyList<ParameterSegment> Segments => _segments;

    /// <summary>Copies the top <paramref name="topLayers"/> layers of <paramref name="graph"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topLayers"/> is outside [1, LayerCount].</exception>
    public static BertLayerStack FromOnnx(BertOnnxGraph graph, int topLayers)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topLayers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topLayers, graph.LayerCount);
        var stack = new BertLayerStack(graph.LayerCount - topLayers, topLayers, graph.Dim, graph.Intermediate, graph.Heads);
        for (int l = 0; l < topLayers; l++)
        {
            var o = stack._layers[l];
            int layer = stack.FirstLayer + l, d = graph.Dim;
            var qkvW = o.QkvWeight.Of(stack.Parameters);
            string[] parts = ["query", "key", "value"];
            for (int part = 0; part < 3; part++)
            {
                string bias = BertOnnxGraph.LayerName(layer, $"attention.self.{parts[part]}.bias");
                var w = graph.Values(graph.WeightOf(bias));
                for (int r = 0; r < d; r++) w.AsSpan(r * d, d).CopyTo(qkvW.Slice(r * 3 * d + part * d, d));
                graph.Values(bias).CopyTo(o.QkvBias.Of(stack.Parameters).Slice(part * d, d));
            }
            foreach (var (segment, suffix, dense) in o.Named())
            {
                string name = BertOnnxGraph.LayerName(layer, suffix);
                graph.Values(dense ? graph.WeightOf(name) : name).CopyTo(segment.Of(stack.Parameters));
            }
        }
        return stack;
    }

    /// <summary>The ONNX initializers of stack layer <paramref name="index"/> under <paramref name="graph"/>'s names, with this stack's values.</summary>
    internal List<(string Name, float[] Values)> OnnxTensors(int index, BertOnnxGraph graph)
    {
        var o = _layers[index];
        int layer = FirstLayer + index, d = Dim;
        var tensors = new List<(string, float[])>();
        var qkvW = o.QkvWeight.Of(Parameters);
        string[] parts = ["query", "key", "value"];
        for (int part = 0; part < 3; part++)
        {
            string bias = BertOnnxGraph.LayerName(layer, $"attention.self.{parts[part]}.bias");
            var w = new float[d * d];
            for (int r = 0; r < d; r++) qkvW.Slice(r * 3 * d + part * d, d).CopyTo(w.AsSpan(r * d, d));
            tensors.Add((graph.WeightOf(bias), w));
            tensors.Add((bias, o.QkvBias.Of(Parameters).Slice(part * d, d).ToArray()));
        }
        foreach (var (segment, suffix, dense) in o.Named())
        {
            string name = BertOnnxGraph.LayerName(layer, suffix);
            tensors.Add((dense ? graph.WeightOf(name) : name, segment.Of(Parameters).ToArray()));
        }
        return tensors;
    }

    /// <summary>Clears <see cref="Gradients"/>.</summary>
    public void ZeroGradients() => Array.Clear(Gradients);

    /// <summary>Runs the stack over packed sequences: <paramref name="input"/> holds sum(<paramref name="lengths"/>) rows of <see cref="Dim"/> values, the
    /// states entering layer <see cref="FirstLayer"/>, one sequence after another. Thread-safe for concurrent calls (parameters are only read).</summary>
    /// <exception cref="ArgumentException">A length is not positive, or the input is not sum(lengths) × Dim values.</exception>
    public BertStackPass Forward(float[] input, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lengths);
        long rows = 0;
        foreach (int n in lengths)
        {
            if (n <= 0) throw new ArgumentException($"sequence lengths must be positive, got {n}", nameof(lengths));
            rows += n;
        }
        if (input.Length != rows * Dim) throw new ArgumentException($"input has {input.Length} values; {rows} rows of {Dim} need {rows * Dim}", nameof(input));
        int n0 = (int)rows, d = Dim, ffn = Intermediate;
        var pass = new BertStackPass(lengths, LayerCount, n0, d, ffn, Heads);
        var x = input;
        for (int l = 0; l < LayerCount; l++)
        {
            var o = _layers[l];
            var a = pass.Layers[l];
            a.Input = x;
            LinearLayer.Forward(x, o.QkvWeight.Of(Parameters), o.QkvBias.Of(Parameters), a.Qkv, n0, d, 3 * d);
            for (int s = 0, at = 0; s < lengths.Length; at += lengths[s], s++)
                SelfAttention.Forward(a.Qkv.AsSpan(at * 3 * d, lengths[s] * 3 * d), a.Attended.AsSpan(at * d, lengths[s] * d), a.Attention[s], 1, lengths[s], d, Heads, causal: false);
            LinearLayer.Forward(a.Attended, o.AttentionOutWeight.Of(Parameters), o.AttentionOutBias.Of(Parameters), a.Residual1, n0, d, d);
            TensorPrimitives.Add(a.Residual1, x, a.Residual1);
            LayerNormLayer.Forward(a.Residual1, o.AttentionNormGain.Of(Parameters), o.AttentionNormBias.Of(Parameters), a.Hidden1, a.Mean1, a.Rstd1, n0, d, NormEpsilon);
            LinearLayer.Forward(a.Hidden1, o.FfnInWeight.Of(Parameters), o.FfnInBias.Of(Parameters), a.Expanded, n0, d, ffn);
            ExactGelu.Forward(a.Expanded, a.Activated);
            LinearLayer.Forward(a.Activated, o.FfnOutWeight.Of(Parameters), o.FfnOutBias.Of(Parameters), a.Residual2, n0, ffn, d);
            TensorPrimitives.Add(a.Residual2, a.Hidden1, a.Residual2);
            var y = new float[n0 * d];
            LayerNormLayer.Forward(a.Residual2, o.OutNormGain.Of(Parameters), o.OutNormBias.Of(Parameters), y, a.Mean2, a.Rstd2, n0, d, NormEpsilon);
            x = y;
        }
        pass.Output = x;
        return pass;
    }

    /// <summary>Adds dLoss/dParameters into <see cref="Gradients"/> given dLoss/dOutput of <paramref name="pass"/>, and returns dLoss/dInput.
    /// Not thread-safe: one backward pass at a time per stack.</summary>
    /// <exception cref="ArgumentException"><paramref name="dOutput"/> does not have the pass's shape.</exception>
    public float[] Backward(BertStackPass pass, float[] dOutput)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(dOutput);
        int n0 = pass.Rows, d = Dim, ffn = Intermediate;
        if (dOutput.Length != n0 * d) throw new ArgumentException($"dOutput has {dOutput.Length} values, the pass has {n0 * d}", nameof(dOutput));
        var dy = dOutput;
        var dResidual2 = new float[n0 * d];
        var dHidden1 = new float[n0 * d];
        var dActivated = new float[n0 * ffn];
        var dExpanded = new float[n0 * ffn];
        var dResidual1 = new float[n0 * d];
        var dAttended = new float[n0 * d];
        var dQkv = new float[n0 * 3 * d];
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            var o = _layers[l];
            var a = pass.Layers[l];
            Array.Clear(dResidual2); Array.Clear(dActivated); Array.Clear(dExpanded); Array.Clear(dResidual1); Array.Clear(dAttended);
            LayerNormLayer.Backward(dy, a.Residual2, o.OutNormGain.Of(Parameters), a.Mean2, a.Rstd2, dResidual2,
                o.OutNormGain.Of(Gradients), o.OutNormBias.Of(Gradients), n0, d);
            dResidual2.CopyTo(dHidden1, 0);
            LinearLayer.Backward(dResidual2, a.Activated, o.FfnOutWeight.Of(Parameters), dActivated, o.FfnOutWeight.Of(Gradients), o.FfnOutBias.Of(Gradients), n0, ffn, d);
            ExactGelu.Backward(dActivated, a.Expanded, dExpanded);
            LinearLayer.Backward(dExpanded, a.Hidden1, o.FfnInWeight.Of(Parameters), dHidden1, o.FfnInWeight.Of(Gradients), o.FfnInBias.Of(Gradients), n0, d, ffn);
            LayerNormLayer.Backward(dHidden1, a.Residual1, o.AttentionNormGain.Of(Parameters), a.Mean1, a.Rstd1, dResidual1,
                o.AttentionNormGain.Of(Gradients), o.AttentionNormBias.Of(Gradients), n0, d);
            var dx = dResidual1.ToArray();
            LinearLayer.Backward(dResidual1, a.Attended, o.AttentionOutWeight.Of(Parameters), dAttended, o.AttentionOutWeight.Of(Gradients), o.AttentionOutBias.Of(Gradients), n0, d, d);
            for (int s = 0, at = 0; s < pass.Lengths.Length; at += pass.Lengths[s], s++)
                SelfAttention.Backward(dAttended.AsSpan(at * d, pass.Lengths[s] * d), a.Attention[s], dQkv.AsSpan(at * 3 * d, pass.Lengths[s] * 3 * d), 1, pass.Lengths[s], d, Heads, causal: false);
            LinearLayer.Backward(dQkv, a.Input, o.QkvWeight.Of(Parameters), dx, o.QkvWeight.Of(Gradients), o.QkvBias.Of(Gradients), n0, d, 3 * d);
            dy = dx;
        }
        return dy;
    }

    /// <summary>Writes the shape and parameters (little-endian, with a version) to <paramref name="writer"/>.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Version);
        writer.Write(FirstLayer);
        writer.Write(LayerCount);
        writer.Write(Dim);
        writer.Write(Intermediate);
        writer.Write(Heads);
        writer.Write(Parameters.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Parameters.AsSpan()));
    }

    /// <summary>Reads a stack written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">The data has another version, an impossible shape, or ends early; the message says which.</exception>
    public static BertLayerStack ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            int version = reader.ReadInt32();
            if (version != Version) throw new InvalidDataException($"transformer layers: format version {version}, this build reads {Version}");
            int first = reader.ReadInt32(), count = reader.ReadInt32(), dim = reader.ReadInt32(), intermediate = reader.ReadInt32(), heads = reader.ReadInt32();
            if (first < 0 || count is <= 0 or > 64 || dim is <= 0 or > 8192 || intermediate is <= 0 or > 65536 || heads <= 0 || dim % heads != 0)
                throw new InvalidDataException($"transformer layers: impossible shape (first {first}, {count} layers, {dim}-d, {intermediate} hidden, {heads} heads)");
            var stack = new BertLayerStack(first, count, dim, intermediate, heads);
            int length = reader.ReadInt32();
            if (length != stack.Parameters.Length) throw new InvalidDataException($"transformer layers: {length} parameters stored, the shape needs {stack.Parameters.Length}");
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(stack.Parameters.AsSpan());
            if (reader.Read(bytes) != bytes.Length) throw new InvalidDataException("transformer layers: the data ends inside the parameters");
            return stack;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("transformer layers: the data ends inside the header", e);
        }
    }

    private ParameterSegment Add(string name, int length, bool decays, ref int offset)
    {
        var segment = new ParameterSegment(name, offset, length, decays);
        _segments.Add(segment);
        offset += length;
        return segment;
    }

    private sealed record LayerOffsets(ParameterSegment QkvWeight, ParameterSegment QkvBias, ParameterSegment AttentionOutWeight, ParameterSegment AttentionOutBias,
        ParameterSegment AttentionNormGain, ParameterSegment AttentionNormBias, ParameterSegment FfnInWeight, ParameterSegment FfnInBias,
        ParameterSegment FfnOutWeight, ParameterSegment FfnOutBias, ParameterSegment OutNormGain, ParameterSegment OutNormBias)
    {
        /// <summary>Every segment but q/k/v with its ONNX name suffix and whether it is a dense weight (found through its bias).</summary>
        public IEnumerable<(ParameterSegment Segment, string Suffix, bool Dense)> Named()
        {
            yield return (AttentionOutWeight, "attention.output.dense.bias", true);
            yield return (AttentionOutBias, "attention.output.dense.bias", false);
            yield return (AttentionNormGain, "attention.output.LayerNorm.weight", false);
            yield return (AttentionNormBias, "attention.output.LayerNorm.bias", false);
            yield return (FfnInWeight, "intermediate.dense.bias", true);
            yield return (FfnInBias, "intermediate.dense.bias", false);
            yield return (FfnOutWeight, "output.dense.bias", true);
            yield return (FfnOutBias, "output.dense.bias", false);
            yield return (OutNormGain, "output.LayerNorm.weight", false);
            yield return (OutNormBias, "output.LayerNorm.bias", false);
        }
    }
}
