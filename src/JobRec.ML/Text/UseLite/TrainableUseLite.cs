using System.Numerics.Tensors;
using JobRec.ML.Language.Layers;
using JobRec.ML.Numerics;

namespace JobRec.ML.Text.UseLite;

/// <summary>USE-Lite with all its weights in one trainable array: forward and backward passes over a batch of token sequences of one length,
/// from the token embeddings through both transformer layers and the mean pooling to the tanh projection (the encoder's output before its L2
/// normalisation), so that a task loss can fine-tune the whole encoder. Starts as a copy of a loaded <see cref="UseLiteEncoder"/>'s weights,
/// and its forward pass then equals that encoder's (before normalisation).</summary>
public sealed class TrainableUseLite
{
    /// <summary>Width of <see cref="Forward"/>'s output.</summary>
    public const int OutputDim = 512;
    private const int EmbeddingDim = 256, ModelDim = 512, Heads = 4;

    private readonly float[] _inverseTimescales;
    private readonly float _epsilon;
    private readonly LayerSlots[] _layers;
    private readonly Slot _embeddings, _projectionKernel, _projectionBias;
    private readonly int _vocabulary;
    private Pass? _pass;

    private TrainableUseLite(float[] parameters, float[] inverseTimescales, float epsilon, LayerSlots[] layers, Slot embeddings, Slot kernel, Slot bias)
    {
        (Parameters, _inverseTimescales, _epsilon, _layers, _embeddings, _projectionKernel, _projectionBias) =
            (parameters, inverseTimescales, epsilon, layers, embeddings, kernel, bias);
        Gradients = new float[parameters.Length];
        _vocabulary = embeddings.Length / EmbeddingDim;
    }

    /// <summary>Every weight, flat (embeddings, then each layer, then the projection).</summary>
    public float[] Parameters { get; }

    /// <summary>Gradients summed by <see cref="Backward"/> since the last <see cref="ZeroGradients"/>, same layout as <see cref="Parameters"/>.</summary>
    public float[] Gradients { get; }

    /// <summary>Rows of the token embedding table (vocabulary plus the model's two extra ids).</summary>
    public int VocabularySize => _vocabulary;

    /// <summary>A trainable copy of <paramref name="encoder"/>'s pretrained weights, or, with <paramref name="parameters"/>, the same architecture with
    /// those weights (e.g. read back from a file; used, not copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has another length than <see cref="ParameterCount"/>.</exception>
    public static TrainableUseLite From(UseLiteEncoder encoder, float[]? parameters = null)
    {
        var w = encoder.Weights;
        var layout = new Layout(w);
        if (parameters is not null && parameters.Length != layout.Count)
            throw new ArgumentException($"{parameters.Length} parameter values, the encoder has {layout.Count}", nameof(parameters));
        if (parameters is null)
        {
            parameters = new float[layout.Count];
            int at = 0;
            foreach (var v in layout.Sources) { v.CopyTo(parameters, at); at += v.Length; }
        }
        return new TrainableUseLite(parameters, (float[])w.InverseTimescales.Clone(), w.LayerNormEpsilon, layout.Layers, layout.Embeddings, layout.Kernel, layout.Bias);
    }

    /// <summary>Number of weights of the USE-Lite architecture of <paramref name="encoder"/> (the length of <see cref="Parameters"/>).</summary>
    public static int ParameterCount(UseLiteEncoder encoder) => new Layout(encoder.Weights).Count;

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGradients() => Array.Clear(Gradients);

    /// <summary>Encodes <paramref name="batch"/> sequences of <paramref name="length"/> token ids each (<paramref name="tokens"/>, row-major) into
    /// batch x <see cref="OutputDim"/> tanh outputs; with <paramref name="keep"/> it keeps what <see cref="Backward"/> needs until the next such call
    /// (without it, concurrent calls are safe).</summary>
    /// <exception cref="ArgumentException">The token count is not batch x length, or length is not positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id is outside the embedding table.</exception>
    public float[] Forward(ReadOnlySpan<int> tokens, int batch, int length, bool keep = true)
    {
        if (length <= 0 || batch <= 0 || tokens.Length != batch * length)
            throw new ArgumentException($"{tokens.Length} token ids for {batch} sequences of {length}", nameof(tokens));
        int n = batch * length;
        var p = Parameters;
        var pass = new Pass(batch, length, tokens.ToArray(), _layers.Length);
        var x = new float[n * EmbeddingDim];
        var table = _embeddings.Of(p);
        for (int r = 0; r < n; r++)
        {
            int id = tokens[r], position = r % length;
            if ((uint)id >= (uint)_vocabulary)
                throw new ArgumentOutOfRangeException(nameof(tokens), $"token id {id} at position {position} of sequence {r / length} is outside the vocabulary");
            UseLiteEncoder.EmbedToken(table.Slice(id * EmbeddingDim, EmbeddingDim), position, _inverseTimescales, x.AsSpan(r * EmbeddingDim, EmbeddingDim));
        }
        for (int l = 0; l < _layers.Length; l++) x = ForwardLayer(_layers[l], pass.Layers[l] = new LayerPass(), x, batch, length);

        pass.Pooled = new float[batch * ModelDim];
        for (int b = 0; b < batch; b++)
        {
            var dst = pass.Pooled.AsSpan(b * ModelDim, ModelDim);
            for (int t = 0; t < length; t++) TensorPrimitives.Add(dst, x.AsSpan((b * length + t) * ModelDim, ModelDim), dst);
            TensorPrimitives.Divide(dst, length, dst);
        }
        var output = new float[batch * OutputDim];
        LinearLayer.Forward(pass.Pooled, _projectionKernel.Of(p), _projectionBias.Of(p), output, batch, ModelDim, OutputDim);
        Activations.Tanh(output);
        pass.Output = output;
        if (keep) _pass = pass;
        return output;
    }

    /// <summary>Adds to <see cref="Gradients"/> the gradients of a loss whose gradient with respect to the last <see cref="Forward"/>'s output is
    /// <paramref name="outputGradient"/> (batch x <see cref="OutputDim"/>).</summary>
    /// <exception cref="InvalidOperationException">No forward pass to go back through.</exception>
    /// <exception cref="ArgumentException">The gradient has another shape than the last output.</exception>
    public void Backward(ReadOnlySpan<float> outputGradient)
    {
        var pass = _pass ?? throw new InvalidOperationException("Backward needs a Forward pass first");
        if (outputGradient.Length != pass.Output!.Length)
            throw new ArgumentException($"{outputGradient.Length} gradient values for an output of {pass.Output.Length}", nameof(outputGradient));
        int batch = pass.Batch, length = pass.Length, n = batch * length;
        var p = Parameters;
        var g = Gradients;
        var dPre = new float[outputGradient.Length];
        for (int i = 0; i < dPre.Length; i++) dPre[i] = outputGradient[i] * (1 - pass.Output[i] * pass.Output[i]);
        var dPooled = new float[batch * ModelDim];
        LinearLayer.Backward(dPre, pass.Pooled!, _projectionKernel.Of(p), dPooled, _projectionKernel.Of(g), _projectionBias.Of(g), batch, ModelDim, OutputDim);
        var dx = new float[n * ModelDim];
        for (int r = 0; r < n; r++) TensorPrimitives.Multiply(dPooled.AsSpan(r / length * ModelDim, ModelDim), 1f / length, dx.AsSpan(r * ModelDim, ModelDim));
        for (int l = _layers.Length - 1; l >= 0; l--) dx = BackwardLayer(_layers[l], pass.Layers[l]!, dx, batch, length);
        var dTable = _embeddings.Of(g);
        for (int r = 0; r < n; r++)
            TensorPrimitives.MultiplyAdd(dx.AsSpan(r * EmbeddingDim, EmbeddingDim), 2f, dTable.Slice(pass.Tokens[r] * EmbeddingDim, EmbeddingDim),
                dTable.Slice(pass.Tokens[r] * EmbeddingDim, EmbeddingDim));
    }

    private float[] ForwardLayer(LayerSlots w, LayerPass a, float[] input, int batch, int length)
    {
        int n = batch * length, d = w.InputDim, m = ModelDim, f = w.FfnDim;
        var p = Parameters;
        a.Input = input;
        a.Norm1 = new float[n * d];
        a.Mean1 = new float[n];
        a.Rstd1 = new float[n];
        LayerNormLayer.Forward(input, w.Norm1Scale.Of(p), w.Norm1Bias.Of(p), a.Norm1, a.Mean1, a.Rstd1, n, d, _epsilon);
        a.Qkv = new float[n * 3 * d];
        LinearLayer.Forward(a.Norm1, w.QkvKernel.Of(p), w.QkvBias.Of(p), a.Qkv, n, d, 3 * d);
        a.Attention = new AttentionActivations(batch, length, d, Heads);
        a.Attended = new float[n * d];
        SelfAttention.Forward(a.Qkv, a.Attended, a.Attention, batch, length, d, Heads, causal: false, scale: w.QueryScale);
        var y = new float[n * m];
        LinearLayer.Forward(a.Attended, w.OutputKernel.Of(p), w.OutputBias.Of(p), y, n, d, m);
        if (w.ResidualKernel.Length > 0)
        {
            var residual = new float[n * m];
            LinearLayer.Forward(input, w.ResidualKernel.Of(p), w.ResidualBias.Of(p), residual, n, d, m);
            TensorPrimitives.Add(y, residual, y);
        }
        else TensorPrimitives.Add(y, input, y);
        a.Middle = y;
        a.Norm2 = new float[n * m];
        a.Mean2 = new float[n];
        a.Rstd2 = new float[n];
        LayerNormLayer.Forward(y, w.Norm2Scale.Of(p), w.Norm2Bias.Of(p), a.Norm2, a.Mean2, a.Rstd2, n, m, _epsilon);
        a.Hidden = new float[n * f];
        LinearLayer.Forward(a.Norm2, w.Conv1Kernel.Of(p), w.Conv1Bias.Of(p), a.Hidden, n, m, f);
        Activations.Relu(a.Hidden);
        var z = new float[n * m];
        LinearLayer.Forward(a.Hidden, w.Conv2Kernel.Of(p), w.Conv2Bias.Of(p), z, n, f, m);
        TensorPrimitives.Add(z, y, z);
        return z;
    }

    private float[] BackwardLayer(LayerSlots w, LayerPass a, float[] dz, int batch, int length)
    {
        int n = batch * length, d = w.InputDim, m = ModelDim, f = w.FfnDim;
        var p = Parameters;
        var g = Gradients;
        var dy = (float[])dz.Clone();
        var dHidden = new float[n * f];
        LinearLayer.Backward(dz, a.Hidden!, w.Conv2Kernel.Of(p), dHidden, w.Conv2Kernel.Of(g), w.Conv2Bias.Of(g), n, f, m);
        for (int i = 0; i < dHidden.Length; i++) if (a.Hidden![i] <= 0) dHidden[i] = 0;
        var dNorm2 = new float[n * m];
        LinearLayer.Backward(dHidden, a.Norm2!, w.Conv1Kernel.Of(p), dNorm2, w.Conv1Kernel.Of(g), w.Conv1Bias.Of(g), n, m, f);
        LayerNormLayer.Backward(dNorm2, a.Middle!, w.Norm2Scale.Of(p), a.Mean2!, a.Rstd2!, dy, w.Norm2Scale.Of(g), w.Norm2Bias.Of(g), n, m);
        var dAttended = new float[n * d];
        LinearLayer.Backward(dy, a.Attended!, w.OutputKernel.Of(p), dAttended, w.OutputKernel.Of(g), w.OutputBias.Of(g), n, d, m);
        var dQkv = new float[n * 3 * d];
        SelfAttention.Backward(dAttended, a.Attention!, dQkv, batch, length, d, Heads, causal: false, scale: w.QueryScale);
        var dNorm1 = new float[n * d];
        LinearLayer.Backward(dQkv, a.Norm1!, w.QkvKernel.Of(p), dNorm1, w.QkvKernel.Of(g), w.QkvBias.Of(g), n, d, 3 * d);
        var dInput = new float[n * d];
        LayerNormLayer.Backward(dNorm1, a.Input!, w.Norm1Scale.Of(p), a.Mean1!, a.Rstd1!, dInput, w.Norm1Scale.Of(g), w.Norm1Bias.Of(g), n, d);
        if (w.ResidualKernel.Length > 0)
            LinearLayer.Backward(dy, a.Input!, w.ResidualKernel.Of(p), dInput, w.ResidualKernel.Of(g), w.ResidualBias.Of(g), n, d, m);
        else TensorPrimitives.Add(dInput, dy, dInput);
        return dInput;
    }

    /// <summary>Where each of the pretrained tensors goes in the flat array: embeddings, each layer in <see cref="LayerSlots"/> order, the projection.</summary>
    private sealed class Layout
    {
        private readonly List<float[]> _sources = [];

        public Layout((float[] Embeddings, float[] InverseTimescales, UseLiteLayer[] Layers, float[] OutputKernel, float[] OutputBias, float LayerNormEpsilon) w)
        {
            Embeddings = Add(w.Embeddings);
            Layers = w.Layers.Select(l => new LayerSlots(l.InputDim, l.FfnDim, l.QueryScale,
                Add(l.AttentionNormScale), Add(l.AttentionNormBias), Add(l.QkvKernel), Add(l.QkvBias), Add(l.OutputKernel), Add(l.OutputBias),
                Add(l.FfnNormScale), Add(l.FfnNormBias), Add(l.Conv1Kernel), Add(l.Conv1Bias), Add(l.Conv2Kernel), Add(l.Conv2Bias),
                Add(l.ResidualKernel), Add(l.ResidualBias))).ToArray();
            Kernel = Add(w.OutputKernel);
            Bias = Add(w.OutputBias);
        }

        public Slot Embeddings { get; }
        public LayerSlots[] Layers { get; }
        public Slot Kernel { get; }
        public Slot Bias { get; }
        public int Count { get; private set; }
        public IReadOnlyList<float[]> Sources => _sources;

        private Slot Add(float[]? source)
        {
            if (source is null) return default;
            _sources.Add(source);
            var slot = new Slot(Count, source.Length);
            Count += source.Length;
            return slot;
        }
    }

    /// <summary>Where one tensor lies in the flat arrays.</summary>
    private readonly record struct Slot(int Offset, int Length)
    {
        public Span<float> Of(float[] values) => values.AsSpan(Offset, Length);
    }

    private sealed record LayerSlots(int InputDim, int FfnDim, float QueryScale, Slot Norm1Scale, Slot Norm1Bias, Slot QkvKernel, Slot QkvBias,
        Slot OutputKernel, Slot OutputBias, Slot Norm2Scale, Slot Norm2Bias, Slot Conv1Kernel, Slot Conv1Bias, Slot Conv2Kernel, Slot Conv2Bias,
        Slot ResidualKernel, Slot ResidualBias);

    /// <summary>Activations of one forward pass, kept for the backward pass.</summary>
    private sealed class Pass(int batch, int length, int[] tokens, int layers)
    {
        public int Batch { get; } = batch;
        public int Length { get; } = length;
        public int[] Tokens { get; } = tokens;
        public LayerPass?[] Layers { get; } = new LayerPass?[layers];
        public float[]? Pooled { get; set; }
        public float[]? Output { get; set; }
    }

    private sealed class LayerPass
    {
        public float[]? Input, Norm1, Mean1, Rstd1, Qkv, Attended, Middle, Norm2, Mean2, Rstd2, Hidden;
        public AttentionActivations? Attention;
    }
}
