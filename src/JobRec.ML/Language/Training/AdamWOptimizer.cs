using JobRec.ML.Language.Model;

namespace JobRec.ML.Language.Training;

/// <summary>AdamW (Loshchilov and Hutter): Adam moments with decoupled weight decay applied only to segments marked as decaying.</summary>
public sealed class AdamWOptimizer
{
    private readonly IReadOnlyList<ParameterSegment> _segments;

    /// <summary>Creates an optimizer with zero moments for every parameter of <paramref name="layout"/>.</summary>
    public AdamWOptimizer(ParameterLayout layout, float beta1 = 0.9f, float beta2 = 0.95f, float epsilon = 1e-8f, float weightDecay = 0.1f)
        : this(layout.Segments, layout.Count, beta1, beta2, epsilon, weightDecay)
    {
    }

    /// <summary>Creates an optimizer with zero moments for <paramref name="count"/> parameters laid out by <paramref name="segments"/>
    /// (e.g. a <see cref="Text.Transformer.BertLayerStack"/>'s).</summary>
    public AdamWOptimizer(IReadOnlyList<ParameterSegment> segments, int count, float beta1 = 0.9f, float beta2 = 0.95f, float epsilon = 1e-8f, float weightDecay = 0.1f)
    {
        _segments = segments;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        FirstMoment = new float[count];
        SecondMoment = new float[count];
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }
    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }
    /// <summary>Added to the root of the second moment.</summary>
    public float Epsilon { get; }
    /// <summary>Decoupled weight decay rate.</summary>
    public float WeightDecay { get; }
    /// <summary>Number of steps taken so far.</summary>
    public int Step { get; set; }
    /// <summary>First moment (mean of gradients), flat.</summary>
    public float[] FirstMoment { get; }
    /// <summary>Second moment (mean of squared gradients), flat.</summary>
    public float[] SecondMoment { get; }

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradients"/> with learning rate <paramref name="learningRate"/>.</summary>
    public void Update(float[] parameters, float[] gradients, float learningRate)
    {
        Step++;
        float c1 = 1f - MathF.Pow(Beta1, Step), c2 = 1f - MathF.Pow(Beta2, Step);
        foreach (var segment in _segments)
        {
            float decay = segment.Decays ? WeightDecay : 0f;
            int end = segment.Offset + segment.Length;
            for (int i = segment.Offset; i < end; i++)
            {
                float g = gradients[i];
                float m = FirstMoment[i] = Beta1 * FirstMoment[i] + (1f - Beta1) * g;
                float v = SecondMoment[i] = Beta2 * SecondMoment[i] + (1f - Beta2) * g * g;
                parameters[i] -= learningRate * (m / c1 / (MathF.Sqrt(v / c2) + Epsilon) + decay * parameters[i]);
            }
        }
    }
}
