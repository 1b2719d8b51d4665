using System.Numerics.Tensors;

namespace JobRec.ML.Language.Layers;

/// <summary>Layer normalisation over the last dimension with a learned gain and bias (epsilon 1e-5).</summary>
public static class LayerNormLayer
{
    private const float Epsilon = 1e-5f;

    /// <summary>Normalises each of the N rows of <paramref name="x"/> ([N, D]) into <paramref name="y"/>, keeping each row's mean and reciprocal deviation for the backward pass.</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias, Span<float> y, Span<float> mean, Span<float> rstd, int rows, int dim)
    {
        for (int n = 0; n < rows; n++)
        {
            var xr = x.Slice(n * dim, dim);
            var yr = y.Slice(n * dim, dim);
            float m = TensorPrimitives.Sum(xr) / dim;
            float v = 0;
            for (int i = 0; i < dim; i++) { float d = xr[i] - m; v += d * d; }
            float s = 1f / MathF.Sqrt(v / dim + Epsilon);
            for (int i = 0; i < dim; i++) yr[i] = (xr[i] - m) * s * gain[i] + bias[i];
            mean[n] = m;
            rstd[n] = s;
        }
    }

    /// <summary>Adds the gradients for input, gain and bias given the output gradient <paramref name="dy"/>.</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> gain, ReadOnlySpan<float> mean, ReadOnlySpan<float> rstd,
        Span<float> dx, Span<float> dGain, Span<float> dBias, int rows, int dim)
    {
        for (int n = 0; n < rows; n++)
        {
            var dyr = dy.Slice(n * dim, dim);
            var xr = x.Slice(n * dim, dim);
            var dxr = dx.Slice(n * dim, dim);
            float m = mean[n], s = rstd[n];
            float meanDn = 0, meanDnNorm = 0;
            for (int i = 0; i < dim; i++)
            {
                float norm = (xr[i] - m) * s, dn = gain[i] * dyr[i];
                meanDn += dn;
                meanDnNorm += dn * norm;
            }
            meanDn /= dim;
            meanDnNorm /= dim;
            for (int i = 0; i < dim; i++)
            {
                float norm = (xr[i] - m) * s, dn = gain[i] * dyr[i];
                dGain[i] += norm * dyr[i];
                dBias[i] += dyr[i];
                dxr[i] += s * (dn - meanDn - norm * meanDnNorm);
            }
        }
    }
}
