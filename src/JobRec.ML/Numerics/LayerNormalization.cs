using System.Numerics.Tensors;

namespace JobRec.ML.Numerics;

/// <summary>Layer normalisation over the last dimension: y = scale * (x - mean) / sqrt(var + eps) + bias, row by row.</summary>
public static class LayerNormalization
{
    /// <summary>Normalises each of the rows of <paramref name="input"/> (rows x dim, row-major) into <paramref name="output"/> (may be the same span).</summary>
    /// <exception cref="ArgumentException">Spans do not match rows x dim, or scale/bias are not dim long.</exception>
    public static void Apply(ReadOnlySpan<float> input, Span<float> output, int dim,
        ReadOnlySpan<float> scale, ReadOnlySpan<float> bias, float epsilon = 1e-6f)
    {
        if (dim <= 0) throw new ArgumentException($"dim must be positive, was {dim}", nameof(dim));
        if (input.Length % dim != 0) throw new ArgumentException($"input length {input.Length} is not a multiple of dim {dim}", nameof(input));
        if (output.Length < input.Length) throw new ArgumentException($"output has {output.Length} values, needs {input.Length}", nameof(output));
        if (scale.Length != dim || bias.Length != dim) throw new ArgumentException($"scale ({scale.Length}) and bias ({bias.Length}) must have dim={dim} values");
        int rows = input.Length / dim;
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * dim, dim);
            var y = output.Slice(r * dim, dim);
            float mean = TensorPrimitives.Sum(x) / dim;
            TensorPrimitives.Subtract(x, mean, y);
            float variance = TensorPrimitives.SumOfSquares(y) / dim;
            float inv = 1f / MathF.Sqrt(variance + epsilon);
            TensorPrimitives.Multiply(y, inv, y);
            TensorPrimitives.Multiply(y, scale, y);
            TensorPrimitives.Add(y, bias, y);
        }
    }
}
