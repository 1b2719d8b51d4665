using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace JobRec.ML.Text.Onnx;

/// <summary>A pretrained BERT-style sentence encoder run by ONNX Runtime: WordPiece tokens, one model call per batch padded to its longest text,
/// mean or CLS pooling of <c>last_hidden_state</c>, L2 normalisation. Thread-safe; dispose to free the native session.</summary>
public sealed class OnnxSentenceEncoder : ITextEncoder, IDisposable
{
    private const string CudaProvider = "CUDAExecutionProvider";
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly bool _needsTokenTypes;
    private readonly string[] _outputNames;
    private readonly int _hidden;
    private readonly OnnxEncoderOptions _options;

    private OnnxSentenceEncoder(PretrainedEncoderModel model, WordPieceTokenizer tokenizer, InferenceSession session, string provider, OnnxEncoderOptions options,
        string outputName)
    {
        _outputNames = [outputName];
        Model = model;
        Tokenizer = tokenizer;
        _session = session;
        _options = options;
        ExecutionProvider = provider;
        MaxTokens = options.MaxTokens == 0 ? model.MaxTokens : Math.Min(options.MaxTokens, model.MaxTokens);
        foreach (var required in new[] { "input_ids", "attention_mask" })
            if (!session.InputMetadata.ContainsKey(required)) throw new InvalidDataException($"{model.Name}: the ONNX model has no input {required}");
        _needsTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        _inputNames = _needsTokenTypes ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];
        if (!session.OutputMetadata.TryGetValue(outputName, out var output) || output.Dimensions.Length != 3)
            throw new InvalidDataException($"{model.Name}: the ONNX model has no 3-d output {outputName}");
        _hidden = output.Dimensions[2];
        if (_hidden != model.Dimension) throw new InvalidDataException($"{model.Name}: the ONNX model gives {_hidden}-d token states, expected {model.Dimension}");
    }

    /// <summary>The model this encoder runs.</summary>
    public PretrainedEncoderModel Model { get; }

    /// <summary>The WordPiece tokenizer of the model's vocabulary.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>Where the model runs and why: "CUDA (device 0)", or "CPU" with the reason CUDA was not used.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Longest input in tokens, [CLS] and [SEP] included (the model's limit or a smaller configured one).</summary>
    public int MaxTokens { get; }

    /// <summary>Intra-op threads of the session.</summary>
    public int Threads => _options.EffectiveThreads;

    /// <inheritdoc />
    public int Dimension => Model.Dimension;

    /// <summary>Loads <paramref name="model"/> from <paramref name="directory"/> (default: its model-cache folder) after checking both files' SHA-256.</summary>
    /// <exception cref="ModelNotFoundException">model.onnx or vocab.txt is missing or corrupt; the one-line message names the file and deploy/setup.sh.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">CUDA was required and is not available.</exception>
    public static OnnxSentenceEncoder Load(PretrainedEncoderModel model, OnnxEncoderOptions? options = null, string? directory = null)
    {
        (options ?? new OnnxEncoderOptions()).Validate();
        directory ??= model.CacheDirectory;
        var modelPath = Path.Combine(directory, "model.onnx");
        var vocabularyPath = Path.Combine(directory, "vocab.txt");
        ModelFileCheck.Verify(modelPath, model.ModelSha256);
        ModelFileCheck.Verify(vocabularyPath, model.VocabularySha256);
        return LoadFile(model, modelPath, vocabularyPath, options);
    }

    /// <summary>Loads the ONNX file <paramref name="modelPath"/> with the vocabulary <paramref name="vocabularyPath"/> as <paramref name="model"/>
    /// (pooling, limits) without checking the files' SHA-256: for a fine-tuned copy of the model, whose caller verifies it.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">The file is not a BERT encoder export with the expected output (with <see cref="OnnxEncoderOptions.OutputLayer"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">CUDA was required and is not available.</exception>
    public static OnnxSentenceEncoder LoadFile(PretrainedEncoderModel model, string modelPath, string vocabularyPath, OnnxEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxEncoderOptions();
        options.Validate();
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"{modelPath}: no such ONNX file", modelPath);
        var tokenizer = WordPieceTokenizer.Load(vocabularyPath);
        string outputName = "last_hidden_state";
        byte[]? bytes = null;
        if (options.OutputLayer is int layers)
        {
            var graph = Transformer.BertOnnxGraph.Load(modelPath);
            outputName = graph.LayerOutputName(layers);
            bytes = graph.WithLayerOutput(layers);
        }
        var (session, provider) = CreateSession(modelPath, bytes, options);
        try
        {
            return new OnnxSentenceEncoder(model, tokenizer, session, provider, options, outputName);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Whether this build's ONNX Runtime carries the CUDA execution provider (built with -p:JobRecGpu=true).</summary>
    public static bool CudaBuild => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider);

    private static (InferenceSession Session, string Provider) CreateSession(string modelPath, byte[]? modelBytes, OnnxEncoderOptions options)
    {
        string cpuReason;
        if (options.Execution == OnnxExecutionPreference.Cpu) cpuReason = "CPU (configured)";
        else if (!CudaBuild) cpuReason = "CPU (this build has no CUDA provider: build with -p:JobRecGpu=true)";
        else
        {
            try
            {
                using var cudaOptions = SessionOptionsFor(options);
                cudaOptions.AppendExecutionProvider_CUDA(options.CudaDevice);
                return (Open(modelPath, modelBytes, cudaOptions), $"CUDA (device {options.CudaDevice})");
            }
            catch (OnnxRuntimeException e)
            {
                cpuReason = $"CPU (CUDA unavailable: {FirstLine(e.Message)})";
            }
        }
        if (options.Execution == OnnxExecutionPreference.Cuda)
            throw new InvalidOperationException($"CUDA was required for the encoder but is not used: {cpuReason}");
        using var cpuOptions = SessionOptionsFor(options);
        return (Open(modelPath, modelBytes, cpuOptions), $"{cpuReason}, {options.EffectiveThreads} threads");
    }

    private static InferenceSession Open(string modelPath, byte[]? modelBytes, SessionOptions options) =>
        modelBytes is null ? new InferenceSession(modelPath, options) : new InferenceSession(modelBytes, options);

    private static SessionOptions SessionOptionsFor(OnnxEncoderOptions options)
    {
        var so = new SessionOptions
        {
            IntraOpNumThreads = options.EffectiveThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        return so;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <inheritdoc />
    /// <remarks>Null, empty or whitespace-only texts give zero rows and are not sent to the model.</remarks>
    public float[] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var output = new float[texts.Count * Dimension];
        var ids = new long[texts.Count][];
        var order = new List<int>(texts.Count);
        for (int i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i])) continue;
            ids[i] = Tokenizer.Encode(texts[i], MaxTokens);
            order.Add(i);
        }
        // Longest first: each batch pads to its first text, and texts of similar length share a batch.
        order.Sort((a, b) => ids[b].Length.CompareTo(ids[a].Length));
        int start = 0;
        while (start < order.Count)
        {
            int width = ids[order[start]].Length;
            int rows = Math.Clamp(_options.MaxBatchTokens / width, 1, _options.BatchSize);
            rows = Math.Min(rows, order.Count - start);
            RunBatch(ids, order, start, rows, width, output);
            start += rows;
        }
        return output;
    }

    private void RunBatch(long[][] ids, List<int> order, int start, int rows, int width, float[] output)
    {
        var inputIds = new long[rows * width];
        var mask = new long[rows * width];
        for (int r = 0; r < rows; r++)
        {
            var row = ids[order[start + r]];
            row.CopyTo(inputIds, r * width); // padding id 0 = [PAD]
            mask.AsSpan(r * width, row.Length).Fill(1);
        }
        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _needsTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[rows * width], shape) : null;
        OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        var states = results[0].GetTensorDataAsSpan<float>();
        int d = _hidden;
        for (int r = 0; r < rows; r++)
        {
            var target = output.AsSpan(order[start + r] * d, d);
            var tokenStates = states.Slice(r * width * d, width * d);
            if (Model.Pooling == SentencePooling.Cls)
                tokenStates[..d].CopyTo(target);
            else
            {
                int length = ids[order[start + r]].Length;
                for (int t = 0; t < length; t++) TensorPrimitives.Add(target, tokenStates.Slice(t * d, d), target);
                TensorPrimitives.Multiply(target, 1f / length, target);
            }
            float norm = TensorPrimitives.Norm(target);
            if (norm > 0) TensorPrimitives.Multiply(target, 1f / norm, target);
        }
    }

    /// <summary>The <c>last_hidden_state</c> of each row of token ids (each row [CLS] ... [SEP], at most <see cref="MaxTokens"/> ids, as
    /// <see cref="WordPieceTokenizer.Encode"/> gives): one array of length × <see cref="Dimension"/> per row, row-major by token.
    /// Rows are sorted by length and batched as <see cref="Encode"/> does, so padding does not change the states.</summary>
    /// <exception cref="ArgumentException">A row is empty or longer than <see cref="MaxTokens"/>.</exception>
    public float[][] TokenStates(IReadOnlyList<long[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new float[rows.Count][];
        var order = Enumerable.Range(0, rows.Count).ToList();
        foreach (var i in order)
            if (rows[i] is not { Length: > 0 and var n } || n > MaxTokens)
                throw new ArgumentException($"token row {i} has {rows[i]?.Length ?? 0} ids; 1..{MaxTokens} allowed", nameof(rows));
        order.Sort((a, b) => rows[b].Length.CompareTo(rows[a].Length));
        int d = _hidden;
        for (int start = 0; start < order.Count;)
        {
            int width = rows[order[start]].Length;
            int count = Math.Min(Math.Clamp(_options.MaxBatchTokens / width, 1, _options.BatchSize), order.Count - start);
            var inputIds = new long[count * width];
            var mask = new long[count * width];
            for (int r = 0; r < count; r++)
            {
                rows[order[start + r]].CopyTo(inputIds, r * width);
                mask.AsSpan(r * width, rows[order[start + r]].Length).Fill(1);
            }
            long[] shape = [count, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = _needsTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[count * width], shape) : null;
            OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, _inputNames, inputs, _outputNames);
            var states = results[0].GetTensorDataAsSpan<float>();
            for (int r = 0; r < count; r++)
            {
                int row = order[start + r];
                result[row] = states.Slice(r * width * d, rows[row].Length * d).ToArray();
            }
            start += count;
        }
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
