using JobRec.Evaluation.Runner;
using JobRec.Evaluation.Splits;
using JobRec.ML.Models;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.Vectors.Exact;

namespace JobRec.Evaluation.Training;

/// <summary>Trains the served recommender (the factorization machine of <see cref="StandardModels"/> with its title and city features, whose title
/// vocabulary the served model carries so silos compute the same inputs) on a split's training interactions, judges it
/// on the split's held-out users next to the baselines, and packages it as a model-store entry whose metadata carries that evaluation.</summary>
public static class RecommenderTraining
{
    /// <summary>Baselines every training run is compared with (besides any other model <see cref="StandardModels"/> marks as a baseline,
    /// except random).</summary>
    public static IReadOnlyList<string> ComparedBaselines { get; } = ["popularity", "popularity-region", "item-knn", "content"];

    /// <summary>The trained model and its evaluation.</summary>
    /// <param name="Metadata">Model-store header (name "recommender", kind, training data, metrics, encoder, evaluation); version unset.</param>
    /// <param name="Payload">The <see cref="ServedFactorizationMachine"/> payload.</param>
    /// <param name="Evaluation">The full evaluation (the served model and the baselines).</param>
    public sealed record Result(ModelMetadata Metadata, byte[] Payload, RecommendationEvaluationResult Evaluation);

    /// <summary>Fits, evaluates and packages.</summary>
    /// <param name="split">Training interactions and held-out test users.</param>
    /// <param name="encoder">The text encoder of the text features (silos must serve with the same).</param>
    /// <param name="encoderName">Its name, recorded in the model.</param>
    /// <param name="trainingData">One line describing the data, recorded in the model.</param>
    /// <param name="fmEpochs">Factorization machine epochs.</param>
    /// <param name="seed">Seed of every randomised step.</param>
    /// <param name="log">Progress lines, or null.</param>
    /// <param name="ks">Cut-offs of the evaluation table (default 5, 10, 25).</param>
    /// <param name="titleCityFeatures">False trains without the title and city inputs (the ablation; <see cref="FmTrainingOptions.TitleCityFeatures"/>).</param>
    public static Result Train(EvaluationSplit split, ITextEncoder encoder, string encoderName, string trainingData, int fmEpochs = 30, int seed = 1,
        TextWriter? log = null, IReadOnlyList<int>? ks = null, bool titleCityFeatures = true)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(encoder);
        var tuning = StandardModels.Untuned(seed);
        tuning = tuning with { Fm = tuning.Fm with { Epochs = fmEpochs, TitleCityFeatures = titleCityFeatures } };
        var all = StandardModels.All(encoder, () => new VectorIndexJobSearch(d => new ExactInnerProductIndex(d)), tuning);
        FactorizationMachineRecommender? fitted = null;
        var fmSpec = all.Single(m => m.Name == "fm");
        var served = fmSpec with { Create = () => fitted = (FactorizationMachineRecommender)fmSpec.Create() };
        var specs = all.Where(m => m.Name != "random" && (m.IsBaseline || ComparedBaselines.Contains(m.Name)))
            .Select(m => ComparedBaselines.Contains(m.Name) ? m with { IsBaseline = true } : m)
            .Prepend(served)
            .ToList();
        var evaluation = new RecommendationEvaluator(log).Evaluate(split, specs, ks ?? [5, 10, 25], seed) with { Encoder = encoderName };
        var model = ServedFactorizationMachine.From(fitted ?? throw new InvalidOperationException("the factorization machine was not fitted"),
            RecommenderDatasetFactory.Build(split));
        var mine = evaluation.Models.Single(m => m.Name == "fm");
        var best = evaluation.BestBaseline();
        var metrics = new Dictionary<string, double>();
        foreach (var key in new[] { "map@10", "ndcg@10", "recall@10", "mrr", "coverage@10" })
        {
            if (mine.Metrics.TryGetValue(key, out var v))
            {
                metrics[key] = v;
            }
        }

        if (best is not null)
        {
            metrics["best_baseline_map@10"] = best.Metric("map@10");
        }

        metrics["test_users"] = evaluation.Users;
        metrics["train_pairs"] = evaluation.TrainPairs;
        var metadata = new ModelMetadata
        {
            Name = ModelNames.Recommender,
            Kind = model.Kind,
            PayloadFormat = ServedFactorizationMachine.PayloadFormat,
            TrainingData = $"{trainingData}; split {split.Name}: {split.Train.Count} train interactions, {split.Tests.Count} held-out users"
                + (best is null ? "" : $"; best baseline {best.Name}"),
            Metrics = metrics,
            Encoder = encoderName,
            EncoderDimension = encoder.Dimension,
            Evaluation = [.. evaluation.Models.Select(m => new ModelEvaluationRow(m.Name == "fm" ? $"{model.Kind} (this model)" : m.Name, m.IsBaseline,
                m.Metrics, [.. m.MapCurve.Select(p => p.Map)]))],
        };
        return new Result(metadata, model.Save(), evaluation);
    }
}
