using System.Globalization;
using JobRec.Evaluation.Runner;
using JobRec.Evaluation.Splits;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Evaluation.Tuning;

/// <summary>
/// Chooses the line-up's settings by MAP@10 on a validation split carved from the training data only
/// (<see cref="ValidationSplitter"/>), one stage after another: the FM grid, then the city-title grid, then the hybrid's
/// fusion weight with the chosen FM and city-title. The test split is never touched; ties go to the earlier grid point.
/// </summary>
public sealed class RecommenderTuner(TextWriter? log = null)
{
    /// <summary>FM grid: id features x epochs x learning rate x cold-start example share (other options as in <paramref name="start"/>).</summary>
    public static IReadOnlyList<FmTrainingOptions> FmGrid(FmTrainingOptions start) =>
        [.. from ids in new[] { true, false }
            from epochs in new[] { 10, 30 }
            from rate in new[] { 0.01f, 0.03f }
            from cold in new[] { 0.25f, 0.5f }
            select start with { IdFeatures = ids, Epochs = epochs, LearningRate = rate, ColdStartShare = cold }];

    /// <summary>City-title grid: city weight x history decay.</summary>
    public static IReadOnlyList<(float City, float Decay)> CityTitleGrid { get; } =
        [.. from city in new[] { 1f, 2f, 4f } from decay in new[] { 0.5f, 0.7f, 1f } select (city, decay)];

    /// <summary>Hybrid fusion weights of the city-title order against the FM's.</summary>
    public static IReadOnlyList<float> FusionGrid { get; } = [0f, 1f, 2f, 4f, 8f];

    /// <summary>Runs the three stages on the validation split of <paramref name="split"/>.</summary>
    /// <param name="split">The evaluation split; only its training interactions are used.</param>
    /// <param name="encoder">Text encoder of the content and FM text features.</param>
    /// <param name="start">The untuned settings (seed, threads, factors).</param>
    /// <param name="seed">Seed of the validation carve.</param>
    /// <returns>The chosen settings and a one-paragraph account for the report.</returns>
    public (RecommenderTuning Best, string Account) Tune(EvaluationSplit split, ITextEncoder encoder, RecommenderTuning start, int seed = 1)
    {
        var validation = ValidationSplitter.Carve(split, seed);
        var cached = encoder as MemoryCachedTextEncoder ?? new MemoryCachedTextEncoder(encoder);
        var evaluator = new RecommendationEvaluator();
        double Map(string name, Func<IRecommender> create) =>
            evaluator.Evaluate(validation, [new ModelSpec(name, false, create)], [RecommendationEvaluator.SummaryK], seed).Models[0].Metric("map@10");

        var (fm, fmMap) = Best(FmGrid(start.Fm), o => Map("fm", () => new FactorizationMachineRecommender(cached, o)), RecommenderTuning.DescribeFm);
        var ((city, decay), cityMap) = Best(CityTitleGrid, c => Map("city-title", () => new TitleRegionRecommender(1f, c.City, c.Decay)),
            c => string.Create(CultureInfo.InvariantCulture, $"city-title city={c.City} decay={c.Decay}"));
        var tuned = start with { Fm = fm, CityWeight = city, CityDecay = decay };
        var (fusion, hybridMap) = Best(FusionGrid, w => Map("hybrid", () => StandardModels.Hybrid(cached, null, tuned with { HybridCityTitleWeight = w })),
            w => string.Create(CultureInfo.InvariantCulture, $"hybrid fusion={w}"));
        var best = tuned with { HybridCityTitleWeight = fusion };
        string account = string.Create(CultureInfo.InvariantCulture,
            $"chosen on a `{validation.Name}` split of the training data only ({validation.Tests.Count} users): {best}; validation MAP@10 fm {fmMap:F4}, city-title {cityMap:F4}, hybrid {hybridMap:F4}.");
        return (best, account);
    }

    private (T Value, double Map) Best<T>(IReadOnlyList<T> grid, Func<T, double> score, Func<T, string> describe)
    {
        T best = grid[0];
        double bestMap = double.NegativeInfinity;
        foreach (var point in grid)
        {
            double map = score(point);
            log?.WriteLine($"[tune] {describe(point)}: validation map@10={map:F4}");
            if (map > bestMap) (best, bestMap) = (point, map);
        }
        return (best, bestMap);
    }
}
