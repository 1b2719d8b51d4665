using JobRec.ML.Numerics;
using System.Numerics.Tensors;

namespace JobRec.ML.Language.Layers;

/// <summary>Affine map y = x W + b with W stored row-major as [In, Out], on sgemm.</summary>
public static class LinearLayer
{
    /// <summary>Computes y ([N, Out]) from x ([N, In]).</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y, int rows, int inDim, int outDim)
    {
        for (int n = 0; n < rows; n++) bias.CopyTo(y.Slice(n * outDim, outDim));
        Blas.Sgemm(false, false, rows, outDim, inDim, 1f, x, weight, 1f, y);
    }

    /// <summary>Adds dL/dx, dL/dW and dL/db given dL/dy.</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> weight,
        Span<float> dx, Span<float> dWeight, Span<float> dBias, int rows, int inDim, int outDim)
    {
        Blas.Sgemm(false, true, rows, inDim, outDim, 1f, dy, weight, 1f, dx);
        Blas.Sgemm(true, false, inDim, outDim, rows, 1f, x, dy, 1f, dWeight);
        for (int n = 0; n < rows; n++) TensorPrimitives.Add(dBias, dy.Slice(n * outDim, outDim), dBias);
    }
}
