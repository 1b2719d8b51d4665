using System.Numerics.Tensors;
using JobRec.ML.Numerics;

namespace JobRec.ML.Skills;

/// <summary>A bidirectional LSTM over the words of one sentence, on a slice of a flat parameter array:
/// per direction W_ih (4U × Input), W_hh (4U × U), b (4U), gate order input, forget, cell, output; the output of a word is [h_forward, h_backward].</summary>
internal sealed class BiLstmLayer(int input, int units)
{
    /// <summary>Input length per word.</summary>
    public int Input { get; } = input;

    /// <summary>Units per direction.</summary>
    public int Units { get; } = units;

    private int DirectionSize => 4 * Units * Input + 4 * Units * Units + 4 * Units;

    /// <summary>Parameters of both directions.</summary>
    public int ParameterCount => 2 * DirectionSize;

    /// <summary>Per-sentence activations kept for the backward pass.</summary>
    public sealed class Cache
    {
        /// <summary>Gate activations (i, f, g, o) per direction: n × 4U each.</summary>
        public float[][] Gates = [[], []];
        /// <summary>Cell states per direction: n × U each.</summary>
        public float[][] Cells = [[], []];
    }

    /// <summary>Sets the forget-gate biases to 1 and draws the weights uniformly in ±1/sqrt(U).</summary>
    public void Initialise(Span<float> parameters, Random random)
    {
        float limit = 1f / MathF.Sqrt(Units);
        for (int d = 0; d < 2; d++)
        {
            var p = parameters.Slice(d * DirectionSize, DirectionSize);
            for (int i = 0; i < 4 * Units * (Input + Units); i++) p[i] = (float)(random.NextDouble() * 2 - 1) * limit;
            var bias = p.Slice(4 * Units * (Input + Units), 4 * Units);
            bias.Clear();
            bias.Slice(Units, Units).Fill(1f);
        }
    }

    /// <summary>Runs both directions over <paramref name="x"/> (n × Input) into <paramref name="output"/> (n × 2U); fills <paramref name="cache"/> when given.</summary>
    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, int n, Span<float> output, Cache? cache)
    {
        int u = Units, g4 = 4 * u;
        for (int d = 0; d < 2; d++)
        {
            var p = parameters.Slice(d * DirectionSize, DirectionSize);
            var wih = p[..(g4 * Input)];
            var whh = p.Slice(g4 * Input, g4 * u);
            var bias = p.Slice(g4 * (Input + u), g4);
            var gates = cache is null ? new float[n * g4] : cache.Gates[d] = new float[n * g4];
            var cells = cache is null ? new float[n * u] : cache.Cells[d] = new float[n * u];
            Blas.Sgemm(false, true, n, g4, Input, 1f, x, wih, 0f, gates);
            int previous = -1;
            for (int step = 0; step < n; step++)
            {
                int t = d == 0 ? step : n - 1 - step;
                var a = gates.AsSpan(t * g4, g4);
                TensorPrimitives.Add(a, bias, a);
                if (previous >= 0)
                {
                    var hPrevious = output.Slice(previous * 2 * u + d * u, u);
                    for (int r = 0; r < g4; r++) a[r] += TensorPrimitives.Dot(whh.Slice(r * u, u), hPrevious);
                }
                TensorPrimitives.Sigmoid(a[..(2 * u)], a[..(2 * u)]);
                TensorPrimitives.Tanh(a.Slice(2 * u, u), a.Slice(2 * u, u));
                TensorPrimitives.Sigmoid(a.Slice(3 * u, u), a.Slice(3 * u, u));
                var c = cells.AsSpan(t * u, u);
                var h = output.Slice(t * 2 * u + d * u, u);
                for (int k = 0; k < u; k++)
                {
                    float cPrevious = previous >= 0 ? cells[previous * u + k] : 0f;
                    c[k] = a[u + k] * cPrevious + a[k] * a[2 * u + k];
                    h[k] = a[3 * u + k] * MathF.Tanh(c[k]);
                }
                previous = t;
            }
        }
    }

    /// <summary>Adds the parameter gradient of one sentence to <paramref name="gradient"/> (same layout as the parameters), given the gradient of
    /// the output (n × 2U), the forward output and cache; when <paramref name="dx"/> is not empty, adds the gradient of the input (n × Input) to it.</summary>
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, int n, ReadOnlySpan<float> output, ReadOnlySpan<float> dOutput, Cache cache, Span<float> gradient,
        Span<float> dx = default)
    {
        int u = Units, g4 = 4 * u;
        var dPre = new float[n * g4];
        var dhNext = new float[u];
        var dcNext = new float[u];
        for (int d = 0; d < 2; d++)
        {
            var p = parameters.Slice(d * DirectionSize, DirectionSize);
            var whh = p.Slice(g4 * Input, g4 * u);
            var g = gradient.Slice(d * DirectionSize, DirectionSize);
            var dWih = g[..(g4 * Input)];
            var dWhh = g.Slice(g4 * Input, g4 * u);
            var dBias = g.Slice(g4 * (Input + u), g4);
            var gates = cache.Gates[d];
            var cells = cache.Cells[d];
            Array.Clear(dhNext);
            Array.Clear(dcNext);
            for (int step = n - 1; step >= 0; step--)
            {
                int t = d == 0 ? step : n - 1 - step;
                int previous = step == 0 ? -1 : (d == 0 ? t - 1 : t + 1);
                var a = gates.AsSpan(t * g4, g4);
                var da = dPre.AsSpan(t * g4, g4);
                for (int k = 0; k < u; k++)
                {
                    float i = a[k], f = a[u + k], gg = a[2 * u + k], o = a[3 * u + k];
                    float c = cells[t * u + k], tc = MathF.Tanh(c);
                    float dh = dOutput[t * 2 * u + d * u + k] + dhNext[k];
                    float dc = dcNext[k] + dh * o * (1 - tc * tc);
                    float cPrevious = previous >= 0 ? cells[previous * u + k] : 0f;
                    da[k] = dc * gg * i * (1 - i);
                    da[u + k] = dc * cPrevious * f * (1 - f);
                    da[2 * u + k] = dc * i * (1 - gg * gg);
                    da[3 * u + k] = dh * tc * o * (1 - o);
                    dcNext[k] = dc * f;
                }
                Array.Clear(dhNext);
                if (previous >= 0)
                {
                    var hPrevious = output.Slice(previous * 2 * u + d * u, u);
                    for (int r = 0; r < g4; r++)
                    {
                        if (da[r] == 0) continue;
                        TensorPrimitives.MultiplyAdd(hPrevious, da[r], dWhh.Slice(r * u, u), dWhh.Slice(r * u, u));
                        TensorPrimitives.MultiplyAdd(whh.Slice(r * u, u), da[r], dhNext, dhNext);
                    }
                }
                TensorPrimitives.Add(dBias, da, dBias);
            }
            Blas.Sgemm(true, false, g4, Input, n, 1f, dPre, x, 1f, dWih);
            if (!dx.IsEmpty) Blas.Sgemm(false, false, n, Input, g4, 1f, dPre, p[..(g4 * Input)], 1f, dx);
        }
    }
}
