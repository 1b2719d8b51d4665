using System.Numerics.Tensors;

namespace JobRec.ML.Text.Transformer;

/// <summary>GELU as BERT defines it, x Φ(x) = 0.5 x (1 + erf(x / √2)) (ONNX exports spell it with an <c>Erf</c> node), with its derivative,
/// vectorised in chunks. erf is the Abramowitz and Stegun 7.1.26 rational approximation (absolute error below 1.5e-7 before float rounding).</summary>
public static class ExactGelu
{
    private const int Chunk = 512;
    private const float InvSqrt2 = 0.70710678118654752440f;
    private const float InvSqrt2Pi = 0.39894228040143267794f;

    /// <summary>y = gelu(x) elementwise; <paramref name="y"/> may alias <paramref name="x"/>.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        Span<float> buffer = stackalloc float[2 * Chunk];
        for (int at = 0; at < x.Length; at += Chunk)
        {
            int length = Math.Min(Chunk, x.Length - at);
            var xs = x.Slice(at, length);
            var cdf = buffer[..length];
            Cdf(xs, cdf, buffer.Slice(Chunk, length));
            TensorPrimitives.Multiply(cdf, xs, y.Slice(at, length));
        }
    }

    /// <summary>Adds gelu'(x) · dy into <paramref name="dx"/>, where gelu'(x) = Φ(x) + x φ(x).</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx)
    {
        Span<float> buffer = stackalloc float[2 * Chunk];
        for (int at = 0; at < x.Length; at += Chunk)
        {
            int length = Math.Min(Chunk, x.Length - at);
            var xs = x.Slice(at, length);
            var cdf = buffer[..length];
            var pdf = buffer.Slice(Chunk, length);
            Cdf(xs, cdf, pdf);
            TensorPrimitives.Multiply(xs, xs, pdf);
            TensorPrimitives.Multiply(pdf, -0.5f, pdf);
            TensorPrimitives.Exp(pdf, pdf);
            TensorPrimitives.Multiply(pdf, InvSqrt2Pi, pdf);
            TensorPrimitives.MultiplyAdd(pdf, xs, cdf, cdf);
            TensorPrimitives.MultiplyAdd(cdf, dy.Slice(at, length), dx.Slice(at, length), dx.Slice(at, length));
        }
    }

    /// <summary>The error function, |error| &lt; 1.5e-7 (scalar reference of what the vectorised path computes).</summary>
    public static double Erf(double x)
    {
        double sign = x < 0 ? -1.0 : 1.0;
        x = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1.0 - poly * Math.Exp(-x * x));
    }

    /// <summary>cdf = Φ(x) = 0.5 (1 + erf(x/√2)); <paramref name="scratch"/> has x's length.</summary>
    private static void Cdf(ReadOnlySpan<float> x, Span<float> cdf, Span<float> scratch)
    {
        // z = |x|/√2; t = 1/(1 + p z); erf(|z|) = 1 - poly(t) e^{-z²}; Φ = 0.5 + 0.5 sign(x) erf(|z|)
        TensorPrimitives.Abs(x, scratch);
        TensorPrimitives.Multiply(scratch, InvSqrt2, scratch);                       // z
        TensorPrimitives.Multiply(scratch, 0.3275911f, cdf);
        TensorPrimitives.Add(cdf, 1f, cdf);
        TensorPrimitives.Reciprocal(cdf, cdf);                                         // t
        TensorPrimitives.Multiply(scratch, scratch, scratch);
        TensorPrimitives.Negate(scratch, scratch);
        TensorPrimitives.Exp(scratch, scratch);                                        // e^{-z²}
        Span<float> poly = stackalloc float[cdf.Length];
        TensorPrimitives.Multiply(cdf, 1.061405429f, poly);
        TensorPrimitives.Add(poly, -1.453152027f, poly);
        TensorPrimitives.MultiplyAdd(poly, cdf, 1.421413741f, poly);
        TensorPrimitives.MultiplyAdd(poly, cdf, -0.284496736f, poly);
        TensorPrimitives.MultiplyAdd(poly, cdf, 0.254829592f, poly);
        TensorPrimitives.Multiply(poly, cdf, poly);                                    // poly(t)
        TensorPrimitives.Multiply(poly, scratch, poly);                                // 1 - erf(|z|)
        for (int i = 0; i < x.Length; i++) cdf[i] = x[i] >= 0 ? 1f - 0.5f * poly[i] : 0.5f * poly[i];
    }
}
