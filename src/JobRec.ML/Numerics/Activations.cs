using System.Numerics.Tensors;

namespace JobRec.ML.Numerics;

/// <summary>Element-wise activation functions applied in place.</summary>
public static class Activations
{
    /// <summary>max(0, x) for every value.</summary>
    public static void Relu(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    /// <summary>Hyperbolic tangent of every value.</summary>
    public static void Tanh(Span<float> values) => TensorPrimitives.Tanh(values, values);

    /// <summary>GELU with the tanh approximation used by GPT-2/BERT: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))).</summary>
    public static void Gelu(Span<float> values)
    {
        const float c = 0.7978845608f;
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            values[i] = 0.5f * x * (1f + MathF.Tanh(c * (x + 0.044715f * x * x * x)));
        }
    }

    /// <summary>Derivative of <see cref="Gelu"/> (tanh approximation) at x, for back-propagation.</summary>
    public static float GeluDerivative(float x)
    {
        const float c = 0.7978845608f;
        float inner = c * (x + 0.044715f * x * x * x);
        float t = MathF.Tanh(inner);
        return 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * c * (1f + 3f * 0.044715f * x * x);
    }
}
