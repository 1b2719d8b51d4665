using System.Numerics.Tensors;
using JobRec.ML.Language.Layers;
using JobRec.ML.Language.Model;

namespace JobRec.ML.Language.Generation;

/// <summary>Feeds one token at a time through a transformer, reusing cached keys and values, and returns the next-token logits.</summary>
public sealed class IncrementalDecoder
{
    private readonly TransformerModel _model;
    private readonly float[] _x, _ln, _qkv, _att, _tmp, _fc, _fcGelu, _scores, _logits;
    private readonly float[] _mean = new float[1], _rstd = new float[1];

    /// <summary>Creates a decoder with an empty cache over <paramref name="model"/>'s current parameters.</summary>
    public IncrementalDecoder(TransformerModel model)
    {
        _model = model;
        var c = model.Config;
        Cache = new KeyValueCache(c);
        _x = new float[c.ModelDim]; _ln = new float[c.ModelDim]; _qkv = new float[3 * c.ModelDim];
        _att = new float[c.ModelDim]; _tmp = new float[c.ModelDim];
        _fc = new float[c.HiddenDim]; _fcGelu = new float[c.HiddenDim];
        _scores = new float[c.ContextLength];
        _logits = new float[c.VocabSize];
    }

    /// <summary>The cache of positions fed so far.</summary>
    public KeyValueCache Cache { get; }

    /// <summary>Feeds <paramref name="token"/> at the next position and returns the logits for the token after it (valid until the next call).</summary>
    /// <exception cref="InvalidOperationException">The context is full.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The token is outside the vocabulary.</exception>
    public ReadOnlySpan<float> Step(int token)
    {
        var c = _model.Config;
        var layout = _model.Layout;
        var p = _model.Parameters;
        int pos = Cache.Length, d = c.ModelDim, hd = c.HeadDim;
        if (pos >= c.ContextLength) throw new InvalidOperationException($"context of {c.ContextLength} tokens is full");
        if ((uint)token >= (uint)c.VocabSize) throw new ArgumentOutOfRangeException(nameof(token), token, $"outside the vocabulary of {c.VocabSize}");
        TensorPrimitives.Add(layout.TokenEmbedding.Of(p).Slice(token * d, d), layout.PositionEmbedding.Of(p).Slice(pos * d, d), _x);
        float scale = 1f / MathF.Sqrt(hd);
        for (int l = 0; l < c.Layers; l++)
        {
            var w = layout.Blocks[l];
            LayerNormLayer.Forward(_x, w.Ln1Gain.Of(p), w.Ln1Bias.Of(p), _ln, _mean, _rstd, 1, d);
            Affine(_ln, w.QkvWeight.Of(p), w.QkvBias.Of(p), _qkv);
            for (int h = 0; h < c.Heads; h++)
            {
                _qkv.AsSpan(d + h * hd, hd).CopyTo(Cache.Row(Cache.Keys[l], h, pos));
                _qkv.AsSpan(2 * d + h * hd, hd).CopyTo(Cache.Row(Cache.Values[l], h, pos));
                var q = _qkv.AsSpan(h * hd, hd);
                var scores = _scores.AsSpan(0, pos + 1);
                for (int j = 0; j <= pos; j++) scores[j] = TensorPrimitives.Dot(q, Cache.Row(Cache.Keys[l], h, j)) * scale;
                float max = TensorPrimitives.Max(scores);
                TensorPrimitives.Subtract(scores, max, scores);
                TensorPrimitives.Exp(scores, scores);
                TensorPrimitives.Divide(scores, TensorPrimitives.Sum(scores), scores);
                var o = _att.AsSpan(h * hd, hd);
                o.Clear();
                for (int j = 0; j <= pos; j++) TensorPrimitives.MultiplyAdd(Cache.Row(Cache.Values[l], h, j), scores[j], o, o);
            }
            Affine(_att, w.AttnProjWeight.Of(p), w.AttnProjBias.Of(p), _tmp);
            TensorPrimitives.Add(_x, _tmp, _x);
            LayerNormLayer.Forward(_x, w.Ln2Gain.Of(p), w.Ln2Bias.Of(p), _ln, _mean, _rstd, 1, d);
            Affine(_ln, w.FcWeight.Of(p), w.FcBias.Of(p), _fc);
            GeluLayer.Forward(_fc, _fcGelu);
            Affine(_fcGelu, w.FcProjWeight.Of(p), w.FcProjBias.Of(p), _tmp);
            TensorPrimitives.Add(_x, _tmp, _x);
        }
        LayerNormLayer.Forward(_x, layout.FinalNormGain.Of(p), layout.FinalNormBias.Of(p), _ln, _mean, _rstd, 1, d);
        var wte = layout.TokenEmbedding.Of(p);
        for (int v = 0; v < c.VocabSize; v++) _logits[v] = TensorPrimitives.Dot(wte.Slice(v * d, d), _ln);
        Cache.Length = pos + 1;
        return _logits;
    }

    /// <summary>y = x W + b for one row, as SIMD multiply-adds on this thread (a one-row sgemm pays BLAS threading costs for nothing).</summary>
    private static void Affine(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y)
    {
        int outDim = y.Length;
        bias.CopyTo(y);
        for (int i = 0; i < x.Length; i++) TensorPrimitives.MultiplyAdd(weight.Slice(i * outDim, outDim), x[i], y, y);
    }
}
