using JobRec.ML.Language.Layers;

namespace JobRec.ML.Language.Model;

/// <summary>A GPT-2 style decoder-only transformer (token + position embeddings, pre-LayerNorm blocks, causal multi-head attention, GELU MLP, tied output) with hand-written forward and backward passes.</summary>
public sealed class TransformerModel
{
    private TransformerActivations? _acts;

    /// <summary>Creates a model with GPT-2 initialisation (normal 0.02, residual projections scaled by 1/sqrt(2 L)) from <paramref name="seed"/>.</summary>
    public TransformerModel(TransformerConfig config, int seed = 1)
        : this(new ParameterLayout(config), null)
    {
        var rng = new Random(seed);
        foreach (var s in Layout.Segments)
        {
            var values = s.Of(Parameters);
            if (s.Name.EndsWith(".g", StringComparison.Ordinal)) values.Fill(1f);
            else if (s.Name.EndsWith(".b", StringComparison.Ordinal)) values.Clear();
            else
            {
                float std = s.Name.EndsWith("proj.w", StringComparison.Ordinal) ? 0.02f / MathF.Sqrt(2f * config.Layers) : 0.02f;
                for (int i = 0; i < values.Length; i++) values[i] = std * NextGaussian(rng);
            }
        }
    }

    /// <summary>Wraps existing parameter values (e.g. from a checkpoint).</summary>
    /// <exception cref="ArgumentException">The array length does not match the layout.</exception>
    public TransformerModel(ParameterLayout layout, float[]? parameters)
    {
        Layout = layout;
        if (parameters is not null && parameters.Length != layout.Count)
            throw new ArgumentException($"parameter array has {parameters.Length} values, the layout needs {layout.Count}", nameof(parameters));
        Parameters = parameters ?? new float[layout.Count];
        Gradients = new float[layout.Count];
    }

    /// <summary>The model's shape.</summary>
    public TransformerConfig Config => Layout.Config;
    /// <summary>Where each parameter lies in <see cref="Parameters"/> and <see cref="Gradients"/>.</summary>
    public ParameterLayout Layout { get; }
    /// <summary>All parameters, flat.</summary>
    public float[] Parameters { get; }
    /// <summary>Gradients of the last <see cref="Backward"/>, same layout as <see cref="Parameters"/>.</summary>
    public float[] Gradients { get; }

    /// <summary>Runs the model on <paramref name="tokens"/> ([B*T] row-major) and returns the mean cross-entropy against <paramref name="targets"/> (negative = ignored; null = no loss, logits only).</summary>
    /// <exception cref="ArgumentException">Shapes disagree or T exceeds the context length.</exception>
    public float Forward(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targets, int batch, int seqLen)
    {
        var c = Config;
        if (seqLen <= 0 || seqLen > c.ContextLength) throw new ArgumentException($"sequence length {seqLen} is outside 1..{c.ContextLength}", nameof(seqLen));
        if (tokens.Length != batch * seqLen) throw new ArgumentException($"got {tokens.Length} tokens for batch {batch} x length {seqLen}", nameof(tokens));
        if (!targets.IsEmpty && targets.Length != tokens.Length) throw new ArgumentException($"got {targets.Length} targets for {tokens.Length} tokens", nameof(targets));
        if (_acts is null || _acts.Batch != batch || _acts.SeqLen != seqLen) _acts = new TransformerActivations(c, batch, seqLen);
        var a = _acts;
        tokens.CopyTo(a.Tokens);
        if (targets.IsEmpty) Array.Fill(a.Targets, -1); else targets.CopyTo(a.Targets);
        int n = batch * seqLen, d = c.ModelDim, h = c.HiddenDim;
        var p = Parameters;
        EmbeddingLayer.Forward(tokens, seqLen, Layout.TokenEmbedding.Of(p), Layout.PositionEmbedding.Of(p), a.Residual[0], d);
        for (int l = 0; l < c.Layers; l++)
        {
            var w = Layout.Blocks[l];
            LayerNormLayer.Forward(a.Residual[l], w.Ln1Gain.Of(p), w.Ln1Bias.Of(p), a.Ln1[l], a.Ln1Mean[l], a.Ln1Rstd[l], n, d);
            LinearLayer.Forward(a.Ln1[l], w.QkvWeight.Of(p), w.QkvBias.Of(p), a.Qkv[l], n, d, 3 * d);
            SelfAttention.Forward(a.Qkv[l], a.AttnOut[l], a.Attention[l], batch, seqLen, d, c.Heads);
            LinearLayer.Forward(a.AttnOut[l], w.AttnProjWeight.Of(p), w.AttnProjBias.Of(p), a.Residual2[l], n, d, d);
            System.Numerics.Tensors.TensorPrimitives.Add(a.Residual2[l], a.Residual[l], a.Residual2[l]);
            LayerNormLayer.Forward(a.Residual2[l], w.Ln2Gain.Of(p), w.Ln2Bias.Of(p), a.Ln2[l], a.Ln2Mean[l], a.Ln2Rstd[l], n, d);
            LinearLayer.Forward(a.Ln2[l], w.FcWeight.Of(p), w.FcBias.Of(p), a.Fc[l], n, d, h);
            GeluLayer.Forward(a.Fc[l], a.FcGelu[l]);
            LinearLayer.Forward(a.FcGelu[l], w.FcProjWeight.Of(p), w.FcProjBias.Of(p), a.Residual[l + 1], n, h, d);
            System.Numerics.Tensors.TensorPrimitives.Add(a.Residual[l + 1], a.Residual2[l], a.Residual[l + 1]);
        }
        LayerNormLayer.Forward(a.Residual[c.Layers], Layout.FinalNormGain.Of(p), Layout.FinalNormBias.Of(p), a.LnF, a.LnFMean, a.LnFRstd, n, d);
        TiedOutputLayer.Forward(a.LnF, Layout.TokenEmbedding.Of(p), a.Logits, n, d, c.VocabSize);
        var (loss, count) = SoftmaxCrossEntropy.Forward(a.Logits, a.Targets, c.VocabSize);
        a.TargetCount = count;
        return loss;
    }

    /// <summary>Next-token probabilities of the last <see cref="Forward"/> at row <paramref name="row"/> (b * T + t).</summary>
    public ReadOnlySpan<float> Probabilities(int row) =>
        (_acts ?? throw new InvalidOperationException("call Forward first")).Logits.AsSpan(row * Config.VocabSize, Config.VocabSize);

    /// <summary>Sets <see cref="Gradients"/> to the gradient of the last <see cref="Forward"/>'s loss (it overwrites, it does not accumulate).</summary>
    /// <exception cref="InvalidOperationException">No forward pass ran before.</exception>
    public void Backward()
    {
        var a = _acts ?? throw new InvalidOperationException("call Forward before Backward");
        var c = Config;
        int n = a.Batch * a.SeqLen, d = c.ModelDim, h = c.HiddenDim;
        var p = Parameters;
        var g = Gradients;
        Array.Clear(g);
        SoftmaxCrossEntropy.Backward(a.Logits, a.Targets, c.VocabSize, a.TargetCount);
        Array.Clear(a.DLn);
        TiedOutputLayer.Backward(a.Logits, a.LnF, Layout.TokenEmbedding.Of(p), a.DLn, Layout.TokenEmbedding.Of(g), n, d, c.VocabSize);
        Array.Clear(a.DResidual);
        LayerNormLayer.Backward(a.DLn, a.Residual[c.Layers], Layout.FinalNormGain.Of(p), a.LnFMean, a.LnFRstd, a.DResidual,
            Layout.FinalNormGain.Of(g), Layout.FinalNormBias.Of(g), n, d);
        for (int l = c.Layers - 1; l >= 0; l--)
        {
            var w = Layout.Blocks[l];
            a.DResidual.CopyTo(a.DResidual2, 0);
            Array.Clear(a.DFcGelu);
            LinearLayer.Backward(a.DResidual, a.FcGelu[l], w.FcProjWeight.Of(p), a.DFcGelu, w.FcProjWeight.Of(g), w.FcProjBias.Of(g), n, h, d);
            Array.Clear(a.DFc);
            GeluLayer.Backward(a.DFcGelu, a.Fc[l], a.DFc);
            Array.Clear(a.DLn);
            LinearLayer.Backward(a.DFc, a.Ln2[l], w.FcWeight.Of(p), a.DLn, w.FcWeight.Of(g), w.FcBias.Of(g), n, d, h);
            LayerNormLayer.Backward(a.DLn, a.Residual2[l], w.Ln2Gain.Of(p), a.Ln2Mean[l], a.Ln2Rstd[l], a.DResidual2, w.Ln2Gain.Of(g), w.Ln2Bias.Of(g), n, d);
            a.DResidual2.CopyTo(a.DResidual, 0);
            Array.Clear(a.DAttnOut);
            LinearLayer.Backward(a.DResidual2, a.AttnOut[l], w.AttnProjWeight.Of(p), a.DAttnOut, w.AttnProjWeight.Of(g), w.AttnProjBias.Of(g), n, d, d);
            SelfAttention.Backward(a.DAttnOut, a.Attention[l], a.DQkv, a.Batch, a.SeqLen, d, c.Heads);
            Array.Clear(a.DLn);
            LinearLayer.Backward(a.DQkv, a.Ln1[l], w.QkvWeight.Of(p), a.DLn, w.QkvWeight.Of(g), w.QkvBias.Of(g), n, d, 3 * d);
            LayerNormLayer.Backward(a.DLn, a.Residual[l], w.Ln1Gain.Of(p), a.Ln1Mean[l], a.Ln1Rstd[l], a.DResidual, w.Ln1Gain.Of(g), w.Ln1Bias.Of(g), n, d);
        }
        EmbeddingLayer.Backward(a.DResidual, a.Tokens, a.SeqLen, Layout.TokenEmbedding.Of(g), Layout.PositionEmbedding.Of(g), d);
    }

    private static float NextGaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
