using JobRec.ML.Language.Layers;
using JobRec.ML.Language.Model;

namespace JobRec.ML.Tests.Language;

public class LayerGradientTests
{
    private const int B = 2, T = 4, D = 8, H = 2, V = 11, N = B * T;

    [Fact]
    public void Embedding_gradients_match_finite_differences()
    {
        int[] tokens = [1, 3, 3, 10, 0, 1, 5, 3];
        var wte = GradientCheck.Random(V * D, 1);
        var wpe = GradientCheck.Random(T * D, 2);
        var r = GradientCheck.Random(N * D, 3);
        var output = new float[N * D];
        double Loss() { EmbeddingLayer.Forward(tokens, T, wte, wpe, output, D); return GradientCheck.Dot(output, r); }
        var dWte = new float[V * D];
        var dWpe = new float[T * D];
        EmbeddingLayer.Backward(r, tokens, T, dWte, dWpe, D);
        GradientCheck.AssertMatches("wte", wte, dWte, Loss);
        GradientCheck.AssertMatches("wpe", wpe, dWpe, Loss);
    }

    [Fact]
    public void LayerNorm_gradients_match_finite_differences()
    {
        var x = GradientCheck.Random(N * D, 4, 2f);
        var gain = GradientCheck.Random(D, 5);
        var bias = GradientCheck.Random(D, 6);
        var r = GradientCheck.Random(N * D, 7);
        var y = new float[N * D];
        var mean = new float[N];
        var rstd = new float[N];
        double Loss() { LayerNormLayer.Forward(x, gain, bias, y, mean, rstd, N, D); return GradientCheck.Dot(y, r); }
        Loss();
        var dx = new float[N * D];
        var dGain = new float[D];
        var dBias = new float[D];
        LayerNormLayer.Backward(r, x, gain, mean, rstd, dx, dGain, dBias, N, D);
        GradientCheck.AssertMatches("x", x, dx, Loss);
        GradientCheck.AssertMatches("gain", gain, dGain, Loss);
        GradientCheck.AssertMatches("bias", bias, dBias, Loss);
    }

    [Fact]
    public void Linear_gradients_match_finite_differences()
    {
        const int inDim = 6, outDim = 5;
        var x = GradientCheck.Random(N * inDim, 8);
        var w = GradientCheck.Random(inDim * outDim, 9);
        var b = GradientCheck.Random(outDim, 10);
        var r = GradientCheck.Random(N * outDim, 11);
        var y = new float[N * outDim];
        double Loss() { LinearLayer.Forward(x, w, b, y, N, inDim, outDim); return GradientCheck.Dot(y, r); }
        var dx = new float[N * inDim];
        var dw = new float[inDim * outDim];
        var db = new float[outDim];
        LinearLayer.Backward(r, x, w, dx, dw, db, N, inDim, outDim);
        GradientCheck.AssertMatches("x", x, dx, Loss);
        GradientCheck.AssertMatches("w", w, dw, Loss);
        GradientCheck.AssertMatches("b", b, db, Loss);
    }

    [Fact]
    public void Gelu_gradient_matches_finite_differences()
    {
        var x = GradientCheck.Random(N * D, 12, 3f);
        var r = GradientCheck.Random(N * D, 13);
        var y = new float[N * D];
        double Loss() { GeluLayer.Forward(x, y); return GradientCheck.Dot(y, r); }
        var dx = new float[N * D];
        GeluLayer.Backward(r, x, dx);
        GradientCheck.AssertMatches("x", x, dx, Loss);
    }

    [Fact]
    public void Causal_attention_gradient_matches_finite_differences()
    {
        var qkv = GradientCheck.Random(N * 3 * D, 14);
        var r = GradientCheck.Random(N * D, 15);
        var output = new float[N * D];
        var saved = new AttentionActivations(B, T, D, H);
        double Loss() { SelfAttention.Forward(qkv, output, saved, B, T, D, H); return GradientCheck.Dot(output, r); }
        Loss();
        var dQkv = new float[N * 3 * D];
        SelfAttention.Backward(r, saved, dQkv, B, T, D, H);
        GradientCheck.AssertMatches("qkv", qkv, dQkv, Loss, maxChecks: 200);
    }

    [Fact]
    public void Causal_attention_does_not_look_ahead()
    {
        var qkv = GradientCheck.Random(N * 3 * D, 16);
        var before = new float[N * D];
        SelfAttention.Forward(qkv, before, new AttentionActivations(B, T, D, H), B, T, D, H);
        for (int i = 0; i < 3 * D; i++) qkv[(T - 1) * 3 * D + i] += 5f; // change the last token of sequence 0
        var after = new float[N * D];
        SelfAttention.Forward(qkv, after, new AttentionActivations(B, T, D, H), B, T, D, H);
        Assert.Equal(before.AsSpan(0, (T - 1) * D).ToArray(), after.AsSpan(0, (T - 1) * D).ToArray());
        Assert.NotEqual(before.AsSpan((T - 1) * D, D).ToArray(), after.AsSpan((T - 1) * D, D).ToArray());
    }

    [Fact]
    public void Tied_output_and_cross_entropy_gradients_match_finite_differences()
    {
        var x = GradientCheck.Random(N * D, 17);
        var wte = GradientCheck.Random(V * D, 18);
        int[] targets = [2, 5, -1, 10, 0, 0, 7, 3];
        var logits = new float[N * V];
        double Loss()
        {
            TiedOutputLayer.Forward(x, wte, logits, N, D, V);
            return SoftmaxCrossEntropy.Forward(logits, targets, V).Loss;
        }
        Loss();
        SoftmaxCrossEntropy.Backward(logits, targets, V, targets.Count(t => t >= 0));
        var dx = new float[N * D];
        var dWte = new float[V * D];
        TiedOutputLayer.Backward(logits, x, wte, dx, dWte, N, D, V);
        GradientCheck.AssertMatches("x", x, dx, Loss);
        GradientCheck.AssertMatches("wte", wte, dWte, Loss);
    }

    [Fact]
    public void Whole_model_gradients_match_finite_differences()
    {
        var model = new TransformerModel(new TransformerConfig(V, T, D, H, 2), seed: 3);
        // larger weights than GPT-2 init so that every path carries a visible gradient
        var rng = new Random(5);
        for (int i = 0; i < model.Parameters.Length; i++) model.Parameters[i] += (float)(rng.NextDouble() - 0.5) * 0.4f;
        int[] tokens = [1, 3, 3, 10, 0, 1, 5, 3];
        int[] targets = [3, 3, 10, 2, 1, 5, -1, 4];
        double Loss() => model.Forward(tokens, targets, B, T);
        Loss();
        model.Backward();
        var analytic = (float[])model.Gradients.Clone();
        foreach (var segment in model.Layout.Segments)
        {
            var values = segment.Of(model.Parameters).ToArray();
            var grads = segment.Of(analytic).ToArray();
            double SegmentLoss() { values.CopyTo(segment.Of(model.Parameters)); return Loss(); }
            GradientCheck.AssertMatches(segment.Name, values, grads, SegmentLoss, maxChecks: 8);
            values.CopyTo(segment.Of(model.Parameters));
        }
    }
}
