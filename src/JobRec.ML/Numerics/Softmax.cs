using System.Numerics.Tensors;

namespace JobRec.ML.Numerics;

/// <summary>Numerically stable softmax over each row of a row-major matrix.</summary>
public static class Softmax
{
    /// <summary>Replaces each row (of <paramref name="dim"/> values) of <paramref name="values"/> by its softmax.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of dim.</exception>
    public static void RowsInPlace(Span<float> values, int dim)
    {
        if (dim <= 0) throw new ArgumentException($"dim must be positive, was {dim}", nameof(dim));
        if (values.Length % dim != 0) throw new ArgumentException($"length {values.Length} is not a multiple of dim {dim}", nameof(values));
        for (int r = 0; r < values.Length; r += dim)
        {
            var row = values.Slice(r, dim);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            TensorPrimitives.Exp(row, row);
            float sum = TensorPrimitives.Sum(row);
            TensorPrimitives.Multiply(row, 1f / sum, row);
        }
    }

    /// <summary>Log of the sum of exponentials of <paramref name="values"/>, computed stably.</summary>
    public static float LogSumExp(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) return float.NegativeInfinity;
        float max = TensorPrimitives.Max(values);
        double sum = 0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + (float)Math.Log(sum);
    }
}
