namespace JobRec.ML.Text.Onnx;

/// <summary>Settings of an <see cref="OnnxSentenceEncoder"/>, given by configuration (command-line options, silo settings); ONNX Runtime reads no environment variables for them.</summary>
/// <param name="IntraOpThreads">Threads one model call may use (ONNX Runtime intra-op pool); 0 means one per processor of this machine.</param>
/// <param name="BatchSize">Texts per model call at most; each call pads to its longest text (texts are sorted by length first).</param>
/// <param name="MaxBatchTokens">Padded tokens per model call at most (bounds memory for long texts); a single text always fits.</param>
/// <param name="MaxTokens">Longest input in tokens, [CLS] and [SEP] included; 0 means the model's own limit, and a larger value is capped at it.</param>
/// <param name="Execution">CPU, CUDA, or CUDA when available.</param>
/// <param name="CudaDevice">GPU ordinal for CUDA.</param>
/// <param name="AllowSpinning">Whether idle intra-op threads spin-wait for work (faster back-to-back calls; burns CPU that other processes on a shared machine could use).</param>
/// <param name="OutputLayer">Null: token states are the model's <c>last_hidden_state</c>. k: token states are those after the first k transformer layers
/// (0: the embeddings), and ONNX Runtime runs only those layers; for feeding a <see cref="Transformer.BertLayerStack"/> of the remaining layers.</param>
public sealed record OnnxEncoderOptions(int IntraOpThreads = 0, int BatchSize = 64, int MaxBatchTokens = 16_384, int MaxTokens = 0,
    OnnxExecutionPreference Execution = OnnxExecutionPreference.Auto, int CudaDevice = 0, bool AllowSpinning = false, int? OutputLayer = null)
{
    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative thread count or token limit, a non-positive batch size, a token limit in 1..2, a negative device.</exception>
    public void Validate()
    {
        if (IntraOpThreads < 0) throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "encoder threads must be 0 (one per processor) or more");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "encoder batch size must be positive");
        if (MaxBatchTokens <= 0) throw new ArgumentOutOfRangeException(nameof(MaxBatchTokens), MaxBatchTokens, "encoder batch token limit must be positive");
        if (MaxTokens is < 0 or 1 or 2) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "encoder token limit must be 0 (the model's) or at least 3");
        if (OutputLayer < 0) throw new ArgumentOutOfRangeException(nameof(OutputLayer), OutputLayer, "encoder output layer must be 0 or more");
        if (CudaDevice < 0) throw new ArgumentOutOfRangeException(nameof(CudaDevice), CudaDevice, "CUDA device must be 0 or more");
    }

    /// <summary>The thread count ONNX Runtime is given.</summary>
    public int EffectiveThreads => IntraOpThreads == 0 ? Environment.ProcessorCount : IntraOpThreads;
}
