namespace JobRec.ML.Language.Layers;

/// <summary>GELU activation, tanh approximation (as GPT-2): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).</summary>
public static class GeluLayer
{
    private static readonly float Scale = MathF.Sqrt(2f / MathF.PI);

    /// <summary>y = gelu(x) elementwise.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            y[i] = 0.5f * v * (1f + MathF.Tanh(Scale * (v + 0.044715f * v * v * v)));
        }
    }

    /// <summary>Adds gelu'(x) * dy into dx.</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            float t = MathF.Tanh(Scale * (v + 0.044715f * v * v * v));
            float grad = 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * Scale * (1f + 3f * 0.044715f * v * v);
            dx[i] += grad * dy[i];
        }
    }
}
