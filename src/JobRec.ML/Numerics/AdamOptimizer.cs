namespace JobRec.ML.Numerics;

/// <summary>Adam (Kingma and Ba 2015) with optional decoupled weight decay (AdamW) for one parameter tensor.</summary>
public sealed class AdamOptimizer
{
    private readonly float[] _m, _v;
    private readonly float _beta1, _beta2, _epsilon, _weightDecay;
    private int _step;

    /// <summary>Creates the optimizer state for a tensor of <paramref name="size"/> values.</summary>
    public AdamOptimizer(int size, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _m = new float[size];
        _v = new float[size];
        LearningRate = learningRate;
        (_beta1, _beta2, _epsilon, _weightDecay) = (beta1, beta2, epsilon, weightDecay);
    }

    /// <summary>Step size; may be changed between steps (schedules).</summary>
    public float LearningRate { get; set; }

    /// <summary>Applies one update to <paramref name="parameters"/> from <paramref name="gradient"/> (both of the size given at construction).</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
            throw new ArgumentException($"expected {_m.Length} parameters and gradients, got {parameters.Length} and {gradient.Length}");
        _step++;
        float c1 = 1f - MathF.Pow(_beta1, _step), c2 = 1f - MathF.Pow(_beta2, _step);
        float lr = LearningRate;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            _m[i] = _beta1 * _m[i] + (1 - _beta1) * g;
            _v[i] = _beta2 * _v[i] + (1 - _beta2) * g * g;
            float update = _m[i] / c1 / (MathF.Sqrt(_v[i] / c2) + _epsilon);
            parameters[i] -= lr * (update + _weightDecay * parameters[i]);
        }
    }
}
