using System.Numerics.Tensors;

namespace JobRec.ML.Numerics;

/// <summary>Row-wise operations on row-major matrices: bias add, L2 normalisation, dot products.</summary>
public static class MatrixRows
{
    /// <summary>Adds <paramref name="bias"/> to every row of <paramref name="matrix"/> (rows of bias.Length values).</summary>
    /// <exception cref="ArgumentException">The matrix length is not a multiple of the bias length.</exception>
    public static void AddBias(Span<float> matrix, ReadOnlySpan<float> bias)
    {
        int dim = bias.Length;
        if (dim == 0 || matrix.Length % dim != 0) throw new ArgumentException($"matrix length {matrix.Length} is not a multiple of bias length {dim}", nameof(matrix));
        for (int r = 0; r < matrix.Length; r += dim)
        {
            var row = matrix.Slice(r, dim);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>Scales every row to unit L2 norm; rows with norm below <paramref name="minNorm"/> are divided by minNorm instead.</summary>
    public static void L2Normalize(Span<float> matrix, int dim, float minNorm = 1e-6f)
    {
        if (dim <= 0 || matrix.Length % dim != 0) throw new ArgumentException($"matrix length {matrix.Length} is not a multiple of dim {dim}", nameof(matrix));
        for (int r = 0; r < matrix.Length; r += dim)
        {
            var row = matrix.Slice(r, dim);
            float norm = MathF.Max(TensorPrimitives.Norm(row), minNorm);
            TensorPrimitives.Multiply(row, 1f / norm, row);
        }
    }

    /// <summary>Cosine similarity of two equal-length vectors (0 when either is all zeros).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vector lengths differ: {a.Length} vs {b.Length}");
        float na = TensorPrimitives.Norm(a), nb = TensorPrimitives.Norm(b);
        return na == 0 || nb == 0 ? 0f : TensorPrimitives.Dot(a, b) / (na * nb);
    }
}
