using System.Globalization;

namespace JobRec.ML.Skills;

/// <summary>Strict span counts: a predicted span is correct only when a gold span has exactly the same start, end and layer.</summary>
/// <param name="Correct">Predicted spans that match a gold span.</param>
/// <param name="Predicted">Predicted spans.</param>
/// <param name="Gold">Gold spans.</param>
public readonly record struct SpanScore(int Correct, int Predicted, int Gold)
{
    /// <summary>Correct / Predicted (0 when nothing was predicted).</summary>
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    /// <summary>Correct / Gold (0 when there is no gold span).</summary>
    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;

    /// <summary>Harmonic mean of precision and recall (0 when both are 0).</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Sums counts (micro-averaging).</summary>
    public static SpanScore operator +(SpanScore a, SpanScore b) => new(a.Correct + b.Correct, a.Predicted + b.Predicted, a.Gold + b.Gold);

    /// <summary>Counts one sentence: spans are compared as sets of [Start, End) ranges.</summary>
    public static SpanScore Of(IEnumerable<(int Start, int End)> gold, IEnumerable<(int Start, int End)> predicted)
    {
        var goldSet = gold.ToHashSet();
        var predictedSet = predicted.ToHashSet();
        return new SpanScore(predictedSet.Count(goldSet.Contains), predictedSet.Count, goldSet.Count);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"P={Precision:F3} R={Recall:F3} F1={F1:F3} ({Correct}/{Predicted} predicted, {Gold} gold)");
}
