using System.Numerics.Tensors;
using JobRec.ML.Numerics;

namespace JobRec.ML.Text.FineTuning;

/// <summary>The symmetric InfoNCE loss with in-batch negatives over L2-normalised anchor and positive vectors, and its gradient; shared by the
/// projection-head trainer and the transformer-layer trainer.</summary>
internal static class SymmetricInfoNce
{
    /// <summary>Mean loss of the b anchor-to-positive and b positive-to-anchor softmaxes over <paramref name="scores"/> (b × b: dot products over the
    /// temperature, masked entries -inf; overwritten with the row softmax), writing into <paramref name="dDots"/> the gradient with respect to the
    /// unscaled dot products. <paramref name="columns"/> is b × b scratch.</summary>
    public static double Loss(float[] scores, float[] columns, int b, float temperature, float[] dDots)
    {
        scores.AsSpan(0, b * b).CopyTo(columns);
        double loss = 0;
        for (int i = 0; i < b; i++)
        {
            var row = scores.AsSpan(i * b, b);
            loss -= row[i] - Softmax.LogSumExp(row);
        }
        var column = new float[b];
        for (int j = 0; j < b; j++)
        {
            for (int i = 0; i < b; i++) column[i] = columns[i * b + j];
            loss -= column[j] - Softmax.LogSumExp(column);
            Softmax.RowsInPlace(column, b);
            for (int i = 0; i < b; i++) columns[i * b + j] = column[i];
        }
        Softmax.RowsInPlace(scores.AsSpan(0, b * b), b);
        float scale = 0.5f / b / temperature;
        for (int i = 0; i < b; i++)
            for (int j = 0; j < b; j++)
                dDots[i * b + j] = scale * (scores[i * b + j] + columns[i * b + j] - (i == j ? 2f : 0f));
        return loss / (2 * b);
    }

    /// <summary>Scales each row of <paramref name="m"/> (rows × <paramref name="d"/>) to unit length, keeping its norm (at least 1e-6) in <paramref name="norms"/>.</summary>
    public static void NormalizeRows(Span<float> m, Span<float> norms, int d)
    {
        for (int i = 0; i < norms.Length; i++)
        {
            var row = m.Slice(i * d, d);
            norms[i] = MathF.Max(TensorPrimitives.Norm(row), 1e-6f);
            TensorPrimitives.Multiply(row, 1f / norms[i], row);
        }
    }

    /// <summary>Gradient through a = u / |u|: du = (da - a (a · da)) / |u|, written into <paramref name="grad"/>.</summary>
    public static void BackThroughNormalize(ReadOnlySpan<float> normalized, Span<float> grad, ReadOnlySpan<float> norms, int d)
    {
        for (int i = 0; i < norms.Length; i++)
        {
            var a = normalized.Slice(i * d, d);
            var g = grad.Slice(i * d, d);
            float dot = TensorPrimitives.Dot(a, g);
            for (int j = 0; j < d; j++) g[j] = (g[j] - a[j] * dot) / norms[i];
        }
    }
}
