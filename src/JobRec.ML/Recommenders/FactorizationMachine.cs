using System.Numerics;
using System.Runtime.InteropServices;

namespace JobRec.ML.Recommenders;

/// <summary>
/// A second-order factorization machine (Rendle 2010) over sparse feature vectors:
/// f(x) = w0 + Σ w_i x_i + ½ Σ_f [(Σ_i v_if x_i)² − Σ_i v_if² x_i²], computed in O(k·nnz), trained by pairwise BPR steps.
/// </summary>
public sealed class FactorizationMachine
{
    private readonly float[] _weights;
    private readonly float[] _factors;

    /// <summary>Creates a model for <paramref name="featureCount"/> features with <paramref name="factors"/> latent factors each, randomly initialised.</summary>
    public FactorizationMachine(int featureCount, int factors, int seed = 1, float initialScale = 0.01f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factors);
        FeatureCount = featureCount;
        Factors = factors;
        _weights = new float[featureCount];
        _factors = new float[(long)featureCount * factors];
        var rng = new Random(seed);
        for (int i = 0; i < _factors.Length; i++) _factors[i] = (float)(rng.NextDouble() * 2 - 1) * initialScale;
    }

    private FactorizationMachine(int factors, float bias, float[] weights, float[] factorValues)
    {
        Factors = factors;
        FeatureCount = weights.Length;
        Bias = bias;
        _weights = weights;
        _factors = factorValues;
    }

    /// <summary>Number of features (length of the one-hot / real-valued input space).</summary>
    public int FeatureCount { get; }

    /// <summary>Number of latent factors per feature (k).</summary>
    public int Factors { get; }

    /// <summary>Global bias w0.</summary>
    public float Bias { get; set; }

    /// <summary>Linear weights w (one per feature).</summary>
    public Span<float> Weights => _weights;

    /// <summary>Latent factors V, row-major (feature count x k).</summary>
    public Span<float> FactorValues => _factors;

    /// <summary>Scratch floats a training step needs for inputs of up to <paramref name="maxNonZeros"/> features per side.</summary>
    public int ScratchLength(int maxNonZeros) => Factors * (2 + 2 * maxNonZeros);

    /// <summary>The model output for one sparse input (feature indices and their values).</summary>
    public float Score(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        Span<float> sum = Factors <= 256 ? stackalloc float[Factors] : new float[Factors];
        return Bias + Forward(indices, values, sum);
    }

    /// <summary>
    /// One BPR step on a (positive, negative) pair with SGD: maximises ln σ(f(pos) − f(neg)) with L2 penalties on the touched
    /// parameters; returns the pair's loss before the step. Safe to call from several threads at once (Hogwild).
    /// </summary>
    public float BprStep(ReadOnlySpan<int> posIndices, ReadOnlySpan<float> posValues, ReadOnlySpan<int> negIndices, ReadOnlySpan<float> negValues,
        float learningRate, float weightRegularization, float factorRegularization, Span<float> scratch)
    {
        int k = Factors;
        if (scratch.Length < ScratchLength(Math.Max(posIndices.Length, negIndices.Length)))
            throw new ArgumentException($"scratch has {scratch.Length} floats, needs {ScratchLength(Math.Max(posIndices.Length, negIndices.Length))}", nameof(scratch));
        var sumPos = scratch[..k];
        var sumNeg = scratch.Slice(k, k);
        var grads = scratch[(2 * k)..];
        float x = Forward(posIndices, posValues, sumPos) - Forward(negIndices, negValues, sumNeg);
        float g = 1f / (1f + MathF.Exp(x)); // σ(−x): derivative of ln σ(x)
        float loss = x > 20 ? MathF.Exp(-x) : MathF.Log(1f + MathF.Exp(-x));

        // Gradients first (with the pre-step parameters), then the updates: exact even when pos and neg share features.
        for (int n = 0; n < posIndices.Length; n++)
            FactorGradient(posIndices[n], posValues[n], g, sumPos, grads.Slice(n * k, k));
        int offset = posIndices.Length * k;
        for (int n = 0; n < negIndices.Length; n++)
            FactorGradient(negIndices[n], negValues[n], -g, sumNeg, grads.Slice(offset + n * k, k));
        for (int n = 0; n < posIndices.Length; n++)
            Apply(posIndices[n], posValues[n], g, grads.Slice(n * k, k), learningRate, weightRegularization, factorRegularization);
        for (int n = 0; n < negIndices.Length; n++)
            Apply(negIndices[n], negValues[n], -g, grads.Slice(offset + n * k, k), learningRate, weightRegularization, factorRegularization);
        return loss;
    }

    // Returns Σ w_i x_i + ½(|s|² − Σ x_i²|v_i|²) and leaves s = Σ x_i v_i in sum.
    private float Forward(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<float> sum)
    {
        int k = Factors;
        sum.Clear();
        float linear = 0, squares = 0;
        bool simd = Vector.IsHardwareAccelerated && k % Vector<float>.Count == 0;
        for (int n = 0; n < indices.Length; n++)
        {
            int i = indices[n];
            if ((uint)i >= (uint)FeatureCount) throw new ArgumentOutOfRangeException(nameof(indices), i, $"feature index at position {n} is outside 0..{FeatureCount - 1}");
            float xi = values[n];
            linear += _weights[i] * xi;
            var v = _factors.AsSpan(i * k, k);
            if (simd)
            {
                var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
                var sv = MemoryMarshal.Cast<float, Vector<float>>(sum);
                var acc = Vector<float>.Zero;
                for (int f = 0; f < vv.Length; f++)
                {
                    var t = vv[f] * xi;
                    sv[f] += t;
                    acc += t * t;
                }
                squares += Vector.Sum(acc);
            }
            else
            {
                for (int f = 0; f < k; f++)
                {
                    float t = v[f] * xi;
                    sum[f] += t;
                    squares += t * t;
                }
            }
        }
        float sumSquared = simd ? Dot(sum, sum) : ScalarDot(sum, sum);
        return linear + 0.5f * (sumSquared - squares);
    }

    // grad = g · x_i · (s − v_i x_i)
    private void FactorGradient(int i, float xi, float g, ReadOnlySpan<float> sum, Span<float> grad)
    {
        int k = Factors;
        var v = _factors.AsSpan(i * k, k);
        float gx = g * xi;
        if (Vector.IsHardwareAccelerated && k % Vector<float>.Count == 0)
        {
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
            var sv = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var gv = MemoryMarshal.Cast<float, Vector<float>>(grad);
            for (int f = 0; f < vv.Length; f++) gv[f] = (sv[f] - vv[f] * xi) * gx;
        }
        else
        {
            for (int f = 0; f < k; f++) grad[f] = (sum[f] - v[f] * xi) * gx;
        }
    }

    private void Apply(int i, float xi, float g, ReadOnlySpan<float> grad, float lr, float regW, float regV)
    {
        int k = Factors;
        _weights[i] += lr * (g * xi - regW * _weights[i]);
        var v = _factors.AsSpan(i * k, k);
        float keep = 1f - lr * regV;
        if (Vector.IsHardwareAccelerated && k % Vector<float>.Count == 0)
        {
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
            var gv = MemoryMarshal.Cast<float, Vector<float>>(grad);
            for (int f = 0; f < vv.Length; f++) vv[f] = vv[f] * keep + gv[f] * lr;
        }
        else
        {
            for (int f = 0; f < k; f++) v[f] = v[f] * keep + grad[f] * lr;
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var av = MemoryMarshal.Cast<float, Vector<float>>(a);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (int f = 0; f < av.Length; f++) acc += av[f] * bv[f];
        return Vector.Sum(acc);
    }

    private static float ScalarDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float s = 0;
        for (int f = 0; f < a.Length; f++) s += a[f] * b[f];
        return s;
    }

    /// <summary>Writes k, w0, w and V.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Factors);
        writer.Write(Bias);
        ModelIO.WriteFloats(writer, _weights);
        ModelIO.WriteFloats(writer, _factors);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stored sizes do not agree.</exception>
    public static FactorizationMachine Load(BinaryReader reader)
    {
        int k = reader.ReadInt32();
        float bias = reader.ReadSingle();
        var w = ModelIO.ReadFloats(reader);
        var v = ModelIO.ReadFloats(reader);
        if (k <= 0 || (long)w.Length * k != v.Length)
            throw new InvalidDataException($"factorization machine file: {w.Length} weights and {v.Length} factor values do not match k={k}");
        return new FactorizationMachine(k, bias, w, v);
    }
}
