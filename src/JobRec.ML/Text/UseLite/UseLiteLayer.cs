namespace JobRec.ML.Text.UseLite;

/// <summary>Weights of one USE-Lite transformer layer (pre-norm attention + ReLU feed-forward), read from the TF.js graph.</summary>
internal sealed class UseLiteLayer
{
    public required int InputDim { get; init; }
    public required int ModelDim { get; init; }
    public required int Heads { get; init; }
    public required float QueryScale { get; init; }
    public required float[] AttentionNormScale { get; init; }
    public required float[] AttentionNormBias { get; init; }
    public required float[] QkvKernel { get; init; }
    public required float[] QkvBias { get; init; }
    public required float[] OutputKernel { get; init; }
    public required float[] OutputBias { get; init; }
    public required float[] FfnNormScale { get; init; }
    public required float[] FfnNormBias { get; init; }
    public required float[] Conv1Kernel { get; init; }
    public required float[] Conv1Bias { get; init; }
    public required float[] Conv2Kernel { get; init; }
    public required float[] Conv2Bias { get; init; }
    /// <summary>Projection of the residual input when InputDim differs from ModelDim (layer 0: 256 to 512), else null.</summary>
    public float[]? ResidualKernel { get; init; }
    public float[]? ResidualBias { get; init; }
    public int FfnDim => Conv1Bias.Length;

    public static UseLiteLayer Read(TfjsWeights w, int index, int inputDim, int modelDim, int ffnDim, int heads)
    {
        string a = $"module_apply_default/Encoder_en/KonaTransformer/Encode/Layer_{index}/TransformerLayer/";
        string s = $"module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/Layer_{index}/TransformerLayer/";
        string m = $"module/Encoder_en/KonaTransformer/Encode/Layer_{index}/TransformerLayer/";
        const string concat = "/ConcatPartitions/concat";
        bool adjust = inputDim != modelDim;
        return new UseLiteLayer
        {
            InputDim = inputDim,
            ModelDim = modelDim,
            Heads = heads,
            QueryScale = w.Get(s + "MultiheadAttention/mul/y")[0],
            AttentionNormScale = w.Get(a + "layer_prepostprocess/layer_norm/layer_norm_scale" + concat, inputDim),
            AttentionNormBias = w.Get(a + "layer_prepostprocess/layer_norm/layer_norm_bias" + concat, inputDim),
            QkvKernel = w.Get(m + "MultiheadAttention/qkv_transform_single/kernel/part_0", 1, 1, inputDim, 3 * inputDim),
            QkvBias = w.Get(a + "MultiheadAttention/qkv_transform_single/bias" + concat, 3 * inputDim),
            OutputKernel = w.Get(m + "MultiheadAttention/output_transform_single/kernel/part_0", 1, 1, inputDim, modelDim),
            OutputBias = w.Get(a + "MultiheadAttention/output_transform_single/bias" + concat, modelDim),
            FfnNormScale = w.Get(a + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale" + concat, modelDim),
            FfnNormBias = w.Get(a + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias" + concat, modelDim),
            Conv1Kernel = w.Get(s + "FFN/conv1/Tensordot/Reshape_1", modelDim, ffnDim),
            Conv1Bias = w.Get(a + "FFN/conv1/bias" + concat, ffnDim),
            Conv2Kernel = w.Get(s + "FFN/conv2/Tensordot/Reshape_1", ffnDim, modelDim),
            Conv2Bias = w.Get(a + "FFN/conv2/bias" + concat, modelDim),
            ResidualKernel = adjust ? w.Get(a + "dense/kernel" + concat, inputDim, modelDim) : null,
            ResidualBias = adjust ? w.Get(a + "dense/bias" + concat, modelDim) : null,
        };
    }
}
