namespace JobRec.Evaluation.Runner;

/// <summary>One model's results on a split.</summary>
/// <param name="Name">Model name.</param>
/// <param name="IsBaseline">True for a baseline.</param>
/// <param name="FitSeconds">Training time.</param>
/// <param name="RecommendSeconds">Time to rank every test user.</param>
/// <param name="Metrics">Mean metric values by name ("map@10", "recall@25", "ndcg@5", "mrr", "hit@10", "coverage@10"), and "map@10_se", the standard error of MAP@10 over users.</param>
/// <param name="MapCurve">MAP@K for K = 1..max K of the run.</param>
public sealed record ModelEvaluation(string Name, bool IsBaseline, double FitSeconds, double RecommendSeconds,
    IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<MapPoint> MapCurve)
{
    /// <summary>Training throughput in BPR examples per second, for models that report it.</summary>
    public double? ExamplesPerSecond { get; init; }

    /// <summary>The metric by name.</summary>
    /// <exception cref="KeyNotFoundException">The run did not compute it.</exception>
    public double Metric(string name) => Metrics.TryGetValue(name, out var v) ? v
        : throw new KeyNotFoundException($"metric '{name}' was not computed for model '{Name}' (have: {string.Join(", ", Metrics.Keys)})");
}

/// <summary>MAP at one cut-off.</summary>
/// <param name="K">The cut-off.</param>
/// <param name="Map">Mean average precision at K.</param>
public readonly record struct MapPoint(int K, double Map);
