using System.Numerics.Tensors;

namespace JobRec.ML.Language.Layers;

/// <summary>Layer normalisation over the last dimension with a learned gain and bias (epsilon 1e-5 unless given), vectorised per row.</summary>
public static class LayerNormLayer
{
    private const float Epsilon = 1e-5f;

    /// <summary>Normalises each of the N rows of <paramref name="x"/> ([N, D]) into <paramref name="y"/>, keeping each row's mean and reciprocal deviation for the backward pass.</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias, Span<float> y, Span<float> mean, Span<float> rstd, int rows, int dim,
        float epsilon = Epsilon)
    {
        for (int n = 0; n < rows; n++)
        {
            var xr = x.Slice(n * dim, dim);
            var yr = y.Slice(n * dim, dim);
            float m = TensorPrimitives.Sum(xr) / dim;
            TensorPrimitives.Subtract(xr, m, yr);
            float s = 1f / MathF.Sqrt(TensorPrimitives.SumOfSquares(yr) / dim + epsilon);
            TensorPrimitives.Multiply(yr, s, yr);
            TensorPrimitives.MultiplyAdd(yr, gain, bias, yr);
            mean[n] = m;
            rstd[n] = s;
        }
    }

    /// <summary>Adds the gradients for input, gain and bias given the output gradient <paramref name="dy"/>.</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> gain, ReadOnlySpan<float> mean, ReadOnlySpan<float> rstd,
        Span<float> dx, Span<float> dGain, Span<float> dBias, int rows, int dim)
    {
        Span<float> norm = dim <= 1024 ? stackalloc float[dim] : new float[dim];
        Span<float> dn = dim <= 1024 ? stackalloc float[dim] : new float[dim];
        for (int n = 0; n < rows; n++)
        {
            var dyr = dy.Slice(n * dim, dim);
            var xr = x.Slice(n * dim, dim);
            var dxr = dx.Slice(n * dim, dim);
            float s = rstd[n];
            TensorPrimitives.Subtract(xr, mean[n], norm);
            TensorPrimitives.Multiply(norm, s, norm);
            TensorPrimitives.Multiply(gain, dyr, dn);
            float meanDn = TensorPrimitives.Sum(dn) / dim;
            float meanDnNorm = TensorPrimitives.Dot(dn, norm) / dim;
            TensorPrimitives.MultiplyAdd(norm, dyr, dGain, dGain);
            TensorPrimitives.Add(dBias, dyr, dBias);
            // dx += s (dn - meanDn - norm meanDnNorm)
            TensorPrimitives.Subtract(dn, meanDn, dn);
            TensorPrimitives.MultiplyAdd(norm, -meanDnNorm, dn, dn);
            TensorPrimitives.MultiplyAdd(dn, s, dxr, dxr);
        }
    }
}
