namespace JobRec.Evaluation.Runner;

/// <summary>Everything one evaluation run measured.</summary>
/// <param name="Split">Split kind.</param>
/// <param name="Corpus">Where the data came from.</param>
/// <param name="Users">Evaluated users.</param>
/// <param name="Jobs">Catalog size.</param>
/// <param name="TrainPairs">Distinct training (user, job) pairs.</param>
/// <param name="Ks">Cut-offs of the table.</param>
/// <param name="Models">Per-model results in the order run.</param>
public sealed record RecommendationEvaluationResult(string Split, string Corpus, int Users, int Jobs, int TrainPairs,
    IReadOnlyList<int> Ks, IReadOnlyList<ModelEvaluation> Models)
{
    /// <summary>The seed of the run.</summary>
    public int Seed { get; init; }

    /// <summary>Share of test users with no training interaction (cold-start users), 0..1.</summary>
    public double ColdUserShare { get; init; }

    /// <summary>How the hyper-parameters were chosen (e.g. the validation split and the chosen values), or empty.</summary>
    public string Tuning { get; init; } = "";

    /// <summary>The text encoder the content features used.</summary>
    public string Encoder { get; init; } = "";

    /// <summary>The non-baseline model with the highest value of <paramref name="metric"/>, or null when there is none.</summary>
    public ModelEvaluation? Best(string metric = "map@10") =>
        Models.Where(m => !m.IsBaseline).OrderByDescending(m => m.Metric(metric)).FirstOrDefault();

    /// <summary>The baseline with the highest value of <paramref name="metric"/>, or null when there is none.</summary>
    public ModelEvaluation? BestBaseline(string metric = "map@10") =>
        Models.Where(m => m.IsBaseline).OrderByDescending(m => m.Metric(metric)).FirstOrDefault();
}
