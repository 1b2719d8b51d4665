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
    /// states entering layer <see cref="FirstLayer"/>, one sequence after another. Pass a finished pass of this stack as <paramref name="reuse"/> to
    /// reuse its buffers (it is returned, overwritten). With <paramref name="keepForBackward"/> false (inference), every layer reuses one layer's
    /// activation buffers, and <see cref="Backward"/> refuses the pass. Concurrent calls are safe with distinct passes (parameters are only read);
    /// the input array is kept by the pass, unchanged, for <see cref="Backward"/>.</summary>
    /// <exception cref="ArgumentException">A length is not positive, the input is not sum(lengths) × Dim values, or <paramref name="reuse"/> is from another stack shape.</exception>
    public BertStackPass Forward(float[] input, int[] lengths, BertStackPass? reuse = null, bool keepForBackward = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lengths);
        long total = 0;
        foreach (int n in lengths)
        {
            if (n <= 0) throw new ArgumentException($"sequence lengths must be positive, got {n}", nameof(lengths));
            total += n;
        }
        if (input.Length != total * Dim) throw new ArgumentException($"input has {input.Length} values; {total} rows of {Dim} need {total * Dim}", nameof(input));
        if (reuse is not null && reuse.Layers.Length != LayerCount) throw new ArgumentException($"the pass to reuse has {reuse.Layers.Length} layers, this stack {LayerCount}", nameof(reuse));
        int rows = (int)total, d = Dim, ffn = Intermediate, nd = rows * d, nf = rows * ffn;
        var pass = reuse ?? new BertStackPass(LayerCount);
        pass.Prepare(lengths, rows, d, ffn, Heads, keepForBackward ? LayerCount : 1);
        pass.KeptForBackward = keepForBackward;
        var x = input;
        for (int l = 0; l < LayerCount; l++)
        {
            var o = _layers[l];
            var a = pass.Layers[keepForBackward ? l : 0];
            a.Input = x;
            LinearLayer.Forward(x.AsSpan(0, nd), o.QkvWeight.Of(Parameters), o.QkvBias.Of(Parameters), a.Qkv.AsSpan(0, 3 * nd), rows, d, 3 * d);
            for (int s = 0, at = 0; s < lengths.Length; at += lengths[s], s++)
                SelfAttention.Forward(a.Qkv.AsSpan(at * 3 * d, lengths[s] * 3 * d), a.Attended.AsSpan(at * d, lengths[s] * d), a.Attention[s], 1, lengths[s], d, Heads, causal: false);
            var residual1 = a.Residual1.AsSpan(0, nd);
            LinearLayer.Forward(a.Attended.AsSpan(0, nd), o.AttentionOutWeight.Of(Parameters), o.AttentionOutBias.Of(Parameters), residual1, rows, d, d);
            TensorPrimitives.Add(residual1, x.AsSpan(0, nd), residual1);
            LayerNormLayer.Forward(residual1, o.AttentionNormGain.Of(Parameters), o.AttentionNormBias.Of(Parameters), a.Hidden1, a.Mean1, a.Rstd1, rows, d, NormEpsilon);
            LinearLayer.Forward(a.Hidden1.AsSpan(0, nd), o.FfnInWeight.Of(Parameters), o.FfnInBias.Of(Parameters), a.Expanded.AsSpan(0, nf), rows, d, ffn);
            ExactGelu.Forward(a.Expanded.AsSpan(0, nf), a.Activated.AsSpan(0, nf));
            var residual2 = a.Residual2.AsSpan(0, nd);
            LinearLayer.Forward(a.Activated.AsSpan(0, nf), o.FfnOutWeight.Of(Parameters), o.FfnOutBias.Of(Parameters), residual2, rows, ffn, d);
            TensorPrimitives.Add(residual2, a.Hidden1.AsSpan(0, nd), residual2);
            LayerNormLayer.Forward(residual2, o.OutNormGain.Of(Parameters), o.OutNormBias.Of(Parameters), a.Output, a.Mean2, a.Rstd2, rows, d, NormEpsilon);
            x = a.Output;
        }
        pass.Output = x.AsSpan(0, nd).ToArray();
        return pass;
    }

    /// <summary>Adds dLoss/dParameters into <see cref="Gradients"/> given dLoss/dOutput of <paramref name="pass"/>, and returns dLoss/dInput
    /// (sum(lengths) × Dim values; the array belongs to the pass and is overwritten when it is reused). One backward pass at a time per stack.</summary>
    /// <exception cref="ArgumentException"><paramref name="dOutput"/> does not have the pass's shape, or the pass kept no activations.</exception>
    public ReadOnlySpan<float> Backward(BertStackPass pass, ReadOnlySpan<float> dOutput)
    {
        ArgumentNullException.ThrowIfNull(pass);
        int rows = pass.Rows, d = Dim, ffn = Intermediate, nd = rows * d, nf = rows * ffn;
        if (dOutput.Length != nd) throw new ArgumentException($"dOutput has {dOutput.Length} values, the pass has {nd}", nameof(dOutput));
        if (!pass.KeptForBackward) throw new ArgumentException("the pass was run with keepForBackward: false", nameof(pass));
        var dResidual2 = pass.Scratch(ref pass.DResidual2, nd).AsSpan(0, nd);
        var dHidden1 = pass.Scratch(ref pass.DHidden1, nd).AsSpan(0, nd);
        var dActivated = pass.Scratch(ref pass.DActivated, nf).AsSpan(0, nf);
        var dExpanded = pass.Scratch(ref pass.DExpanded, nf).AsSpan(0, nf);
        var dResidual1 = pass.Scratch(ref pass.DResidual1, nd).AsSpan(0, nd);
        var dAttended = pass.Scratch(ref pass.DAttended, nd).AsSpan(0, nd);
        var dQkv = pass.Scratch(ref pass.DQkv, 3 * nd).AsSpan(0, 3 * nd);
        var dx = pass.Scratch(ref pass.DInput, nd).AsSpan(0, nd);
        dOutput.CopyTo(dx);
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            var o = _layers[l];
            var a = pass.Layers[l];
            dResidual2.Clear(); dActivated.Clear(); dExpanded.Clear(); dResidual1.Clear(); dAttended.Clear();
            LayerNormLayer.Backward(dx, a.Residual2, o.OutNormGain.Of(Parameters), a.Mean2, a.Rstd2, dResidual2,
                o.OutNormGain.Of(Gradients), o.OutNormBias.Of(Gradients), rows, d);
            dResidual2.CopyTo(dHidden1);
            LinearLayer.Backward(dResidual2, a.Activated, o.FfnOutWeight.Of(Parameters), dActivated, o.FfnOutWeight.Of(Gradients), o.FfnOutBias.Of(Gradients), rows, ffn, d);
            ExactGelu.Backward(dActivated, a.Expanded.AsSpan(0, nf), dExpanded);
            LinearLayer.Backward(dExpanded, a.Hidden1, o.FfnInWeight.Of(Parameters), dHidden1, o.FfnInWeight.Of(Gradients), o.FfnInBias.Of(Gradients), rows, d, ffn);
            LayerNormLayer.Backward(dHidden1, a.Residual1, o.AttentionNormGain.Of(Parameters), a.Mean1, a.Rstd1, dResidual1,
                o.AttentionNormGain.Of(Gradients), o.AttentionNormBias.Of(Gradients), rows, d);
            dResidual1.CopyTo(dx);
            LinearLayer.Backward(dResidual1, a.Attended, o.AttentionOutWeight.Of(Parameters), dAttended, o.AttentionOutWeight.Of(Gradients), o.AttentionOutBias.Of(Gradients), rows, d, d);
            for (int s = 0, at = 0; s < pass.Lengths.Length; at += pass.Lengths[s], s++)
                SelfAttention.Backward(dAttended.Slice(at * d, pass.Lengths[s] * d), a.Attention[s], dQkv.Slice(at * 3 * d, pass.Lengths[s] * 3 * d), 1, pass.Lengths[s], d, Heads, causal: false);
            LinearLayer.Backward(dQkv, a.Input, o.QkvWeight.Of(Parameters), dx, o.QkvWeight.Of(Gradients), o.QkvBias.Of(Gradients), rows, d, 3 * d);
        }
        return dx;
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
            for (int read = 0; read < bytes.Length;)
            {
                int n = reader.Read(bytes[read..]);
                if (n == 0) throw new InvalidDataException("transformer layers: the data ends inside the parameters");
                read += n;
            }
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
