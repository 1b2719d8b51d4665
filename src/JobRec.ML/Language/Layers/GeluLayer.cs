using System.Numerics.Tensors;

namespace JobRec.ML.Language.Layers;

/// <summary>GELU activation, tanh approximation (as GPT-2): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), vectorised in chunks.</summary>
public static class GeluLayer
{
    private const float Cubic = 0.044715f;
    private const int Chunk = 1024;
    private static readonly float Scale = MathF.Sqrt(2f / MathF.PI);

    /// <summary>y = gelu(x) elementwise.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        Span<float> t = stackalloc float[Chunk];
        for (int at = 0; at < x.Length; at += Chunk)
        {
            int len = Math.Min(Chunk, x.Length - at);
            var xs = x.Slice(at, len);
            var ts = t[..len];
            Tanh(xs, ts);
            TensorPrimitives.Add(ts, 1f, ts);
            TensorPrimitives.Multiply(ts, xs, ts);
            TensorPrimitives.Multiply(ts, 0.5f, y.Slice(at, len));
        }
    }

    /// <summary>Adds gelu'(x) * dy into dx.</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx)
    {
        Span<float> t = stackalloc float[Chunk];
        Span<float> u = stackalloc float[Chunk];
        for (int at = 0; at < x.Length; at += Chunk)
        {
            int len = Math.Min(Chunk, x.Length - at);
            var xs = x.Slice(at, len);
            var ts = t[..len];
            var us = u[..len];
            Tanh(xs, ts);
            // gelu' = 0.5 (1 + t) + 0.5 x (1 - t^2) Scale (1 + 3 c x^2)
            TensorPrimitives.Multiply(xs, xs, us);
            TensorPrimitives.Multiply(us, 3f * Cubic * Scale, us);
            TensorPrimitives.Add(us, Scale, us);              // Scale (1 + 3 c x^2)
            TensorPrimitives.Multiply(us, xs, us);            // x Scale (1 + 3 c x^2)
            for (int i = 0; i < len; i++)
            {
                float tv = ts[i];
                us[i] = 0.5f * (1f + tv) + 0.5f * us[i] * (1f - tv * tv);
            }
            TensorPrimitives.MultiplyAdd(us, dy.Slice(at, len), dx.Slice(at, len), dx.Slice(at, len));
        }
    }

    /// <summary>t = tanh(Scale (x + c x^3)).</summary>
    private static void Tanh(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, Cubic * Scale, t);
        TensorPrimitives.Add(t, Scale, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Tanh(t, t);
    }
}
