using JobRec.ML.Numerics;
using System.Numerics.Tensors;

namespace JobRec.ML.Language.Layers;

/// <summary>Multi-head scaled dot-product self-attention over a packed q|k|v input ([B*T, 3D]) producing [B*T, D]: causal (each position sees itself
/// and earlier ones) for the decoder, or bidirectional within each sequence for an encoder; the scores are scaled by <c>scale</c> (0: 1/sqrt(head width)).</summary>
public static class SelfAttention
{
    /// <summary>Runs attention; keeps q, k, v (head-major [B, H, T, hd]) and the attention probabilities ([B, H, T, T]) in <paramref name="saved"/> for the backward pass.</summary>
    public static void Forward(ReadOnlySpan<float> qkv, Span<float> output, AttentionActivations saved, int batch, int seqLen, int dim, int heads,
        bool causal = true, float scale = 0f)
    {
        int hd = dim / heads, block = seqLen * hd;
        if (scale == 0f) scale = 1f / MathF.Sqrt(hd);
        var o = new float[block];
        for (int b = 0; b < batch; b++)
        for (int h = 0; h < heads; h++)
        {
            int bh = b * heads + h;
            var q = saved.Query.AsSpan(bh * block, block);
            var k = saved.Key.AsSpan(bh * block, block);
            var v = saved.Value.AsSpan(bh * block, block);
            for (int t = 0; t < seqLen; t++)
            {
                var row = qkv.Slice((b * seqLen + t) * 3 * dim, 3 * dim);
                row.Slice(h * hd, hd).CopyTo(q.Slice(t * hd, hd));
                row.Slice(dim + h * hd, hd).CopyTo(k.Slice(t * hd, hd));
                row.Slice(2 * dim + h * hd, hd).CopyTo(v.Slice(t * hd, hd));
            }
            var p = saved.Probabilities.AsSpan(bh * seqLen * seqLen, seqLen * seqLen);
            Blas.Sgemm(false, true, seqLen, seqLen, hd, scale, q, k, 0f, p);
            for (int t = 0; t < seqLen; t++)
            {
                int seen = causal ? t + 1 : seqLen;
                var visible = p.Slice(t * seqLen, seen);
                float max = TensorPrimitives.Max(visible);
                TensorPrimitives.Subtract(visible, max, visible);
                TensorPrimitives.Exp(visible, visible);
                TensorPrimitives.Divide(visible, TensorPrimitives.Sum(visible), visible);
                p.Slice(t * seqLen + seen, seqLen - seen).Clear();
            }
            Blas.Sgemm(false, false, seqLen, hd, seqLen, 1f, p, v, 0f, o);
            for (int t = 0; t < seqLen; t++)
                o.AsSpan(t * hd, hd).CopyTo(output.Slice((b * seqLen + t) * dim + h * hd, hd));
        }
    }

    /// <summary>Writes dL/dqkv ([B*T, 3D], overwritten) given dL/doutput and the activations saved by <see cref="Forward"/>.</summary>
    public static void Backward(ReadOnlySpan<float> dOutput, AttentionActivations saved, Span<float> dQkv, int batch, int seqLen, int dim, int heads,
        bool causal = true, float scale = 0f)
    {
        int hd = dim / heads, block = seqLen * hd;
        if (scale == 0f) scale = 1f / MathF.Sqrt(hd);
        var dO = new float[block];
        var dQ = new float[block];
        var dK = new float[block];
        var dV = new float[block];
        var dP = new float[seqLen * seqLen];
        for (int b = 0; b < batch; b++)
        for (int h = 0; h < heads; h++)
        {
            int bh = b * heads + h;
            var q = saved.Query.AsSpan(bh * block, block);
            var k = saved.Key.AsSpan(bh * block, block);
            var v = saved.Value.AsSpan(bh * block, block);
            var p = saved.Probabilities.AsSpan(bh * seqLen * seqLen, seqLen * seqLen);
            for (int t = 0; t < seqLen; t++)
                dOutput.Slice((b * seqLen + t) * dim + h * hd, hd).CopyTo(dO.AsSpan(t * hd, hd));
            Blas.Sgemm(false, true, seqLen, seqLen, hd, 1f, dO, v, 0f, dP);
            Blas.Sgemm(true, false, seqLen, hd, seqLen, 1f, p, dO, 0f, dV);
            for (int t = 0; t < seqLen; t++)
            {
                int seen = causal ? t + 1 : seqLen;
                var pr = p.Slice(t * seqLen, seen);
                var dpr = dP.AsSpan(t * seqLen, seqLen);
                float dot = TensorPrimitives.Dot(pr, dpr[..seen]);
                for (int j = 0; j < seen; j++) dpr[j] = pr[j] * (dpr[j] - dot);
                dpr[seen..].Clear();
            }
            Blas.Sgemm(false, false, seqLen, hd, seqLen, scale, dP, k, 0f, dQ);
            Blas.Sgemm(true, false, seqLen, hd, seqLen, scale, dP, q, 0f, dK);
            for (int t = 0; t < seqLen; t++)
            {
                var row = dQkv.Slice((b * seqLen + t) * 3 * dim, 3 * dim);
                dQ.AsSpan(t * hd, hd).CopyTo(row.Slice(h * hd, hd));
                dK.AsSpan(t * hd, hd).CopyTo(row.Slice(dim + h * hd, hd));
                dV.AsSpan(t * hd, hd).CopyTo(row.Slice(2 * dim + h * hd, hd));
            }
        }
    }
}
