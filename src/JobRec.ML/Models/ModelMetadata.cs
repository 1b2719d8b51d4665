namespace JobRec.ML.Models;

/// <summary>What a stored model is: the header of every model file in a <see cref="IModelStore"/>.</summary>
public sealed record ModelMetadata
{
    /// <summary>The slot the model fills ("recommender", "onet", "qa", "skills"; see <see cref="ModelNames"/>): silos load the active version of each slot.</summary>
    public required string Name { get; init; }

    /// <summary>Version within <see cref="Name"/>, 1, 2, ...; assigned by the store when the model is added.</summary>
    public int Version { get; init; }

    /// <summary>The model inside ("fm", "fm-notext", "onet-classifier", "qa-language-model", "skill-tagger"): tells the loader how to read the payload.</summary>
    public required string Kind { get; init; }

    /// <summary>Format version of the payload of <see cref="Kind"/> (the loader refuses versions it does not know).</summary>
    public int PayloadFormat { get; init; } = 1;

    /// <summary>When the model was trained (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>One line on the training data ("Job_Views.csv: 8,961 interactions, 3,201 users, 7,304 jobs").</summary>
    public string TrainingData { get; init; } = "";

    /// <summary>Metric name ("map@10", "ndcg@10", "examples") to value, measured when the model was made.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The text encoder the model's features were computed with ("hashed", "minilm", ...), or null when it uses none.</summary>
    public string? Encoder { get; init; }

    /// <summary>Dimension of that encoder's vectors (0 when none): a silo whose encoder differs refuses the model.</summary>
    public int EncoderDimension { get; init; }

    /// <summary>The evaluation the model was judged by (the model and its baselines on a held-out split), or empty.</summary>
    public IReadOnlyList<ModelEvaluationRow> Evaluation { get; init; } = [];
}

/// <summary>One model's line of the evaluation stored with a model.</summary>
/// <param name="Model">Model name ("fm", "popularity-region", ...).</param>
/// <param name="IsBaseline">True for a baseline.</param>
/// <param name="Metrics">Metric name ("map@10", "recall@10", "ndcg@10", "mrr", "coverage@10") to mean value.</param>
/// <param name="MapCurve">MAP@K for K = 1, 2, ... (index 0 is K = 1).</param>
public sealed record ModelEvaluationRow(string Model, bool IsBaseline, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<double> MapCurve);
