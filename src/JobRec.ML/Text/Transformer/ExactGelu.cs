namespace JobRec.ML.Text.Transformer;

/// <summary>GELU as BERT defines it, x Φ(x) = 0.5 x (1 + erf(x / √2)) (ONNX exports spell it with an <c>Erf</c> node), with its derivative.
/// erf is the Abramowitz and Stegun 7.1.26 rational approximation evaluated in double precision (absolute error below 1.5e-7).</summary>
public static class ExactGelu
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>y = gelu(x) elementwise; <paramref name="y"/> may alias <paramref name="x"/>.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            y[i] = (float)(0.5 * v * (1.0 + Erf(v * InvSqrt2)));
        }
    }

    /// <summary>Adds gelu'(x) · dy into <paramref name="dx"/>, where gelu'(x) = Φ(x) + x φ(x).</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            double cdf = 0.5 * (1.0 + Erf(v * InvSqrt2));
            double pdf = InvSqrt2Pi * Math.Exp(-0.5 * v * v);
            dx[i] += (float)((cdf + v * pdf) * dy[i]);
        }
    }

    /// <summary>The error function, |error| &lt; 1.5e-7.</summary>
    public static double Erf(double x)
    {
        double sign = x < 0 ? -1.0 : 1.0;
        x = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1.0 - poly * Math.Exp(-x * x));
    }
}
