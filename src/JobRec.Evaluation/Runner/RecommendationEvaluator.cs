using System.Diagnostics;
using JobRec.Evaluation.Metrics;
using JobRec.Evaluation.Splits;
using JobRec.ML.Recommenders;

namespace JobRec.Evaluation.Runner;

/// <summary>Fits each model on a split's training data, ranks the top jobs of every test user and averages the ranking metrics.</summary>
public sealed class RecommendationEvaluator(TextWriter? log = null)
{
    /// <summary>Largest cut-off of the MAP@K curve.</summary>
    public const int CurveMaxK = 30;

    /// <summary>Cut-off of the summary line's MAP, computed whatever the table's cut-offs are.</summary>
    public const int SummaryK = 10;

    /// <summary>Cut-off of the catalog coverage metric.</summary>
    public const int CoverageK = 10;

    /// <summary>Runs every model on the split and returns the table of results.</summary>
    /// <exception cref="ArgumentException">No cut-off, a non-positive cut-off, or a split without test users.</exception>
    public RecommendationEvaluationResult Evaluate(EvaluationSplit split, IReadOnlyList<ModelSpec> models, IReadOnlyList<int> ks, int seed = 1)
    {
        if (ks.Count == 0 || ks.Any(k => k <= 0)) throw new ArgumentException($"cut-offs must be positive, got [{string.Join(",", ks)}]", nameof(ks));
        if (split.Tests.Count == 0) throw new ArgumentException($"split '{split.Name}' has no test users", nameof(split));
        var clock = Stopwatch.StartNew();
        var data = RecommenderDatasetFactory.Build(split);
        log?.WriteLine($"[{split.Name}] catalog {data.UserCount} users x {data.JobCount} jobs, {data.PairCount} training pairs, {split.Tests.Count} test users ({clock.Elapsed.TotalSeconds:F1}s)");
        int maxK = Math.Max(CurveMaxK, ks.Max());
        var results = new List<ModelEvaluation>();
        foreach (var spec in models)
        {
            var model = spec.Create();
            var fitClock = Stopwatch.StartNew();
            model.Fit(data, new ThrottledProgress(log, TimeSpan.FromSeconds(1)));
            double fitSeconds = fitClock.Elapsed.TotalSeconds;
            var rankClock = Stopwatch.StartNew();
            var evaluation = Score(spec, model, data, split.Tests, ks, maxK);
            results.Add(evaluation with
            {
                FitSeconds = fitSeconds,
                RecommendSeconds = rankClock.Elapsed.TotalSeconds,
                ExamplesPerSecond = model is FactorizationMachineRecommender fm ? fm.ExamplesPerSecond
                    : model is HybridRecommender h ? h.Ranker.ExamplesPerSecond : null,
            });
            log?.WriteLine($"[{spec.Name}] fit {fitSeconds:F2}s, ranked {split.Tests.Count} users in {rankClock.Elapsed.TotalSeconds:F2}s: " +
                $"map@10={evaluation.Metrics.GetValueOrDefault("map@10"):F4} recall@10={evaluation.Metrics.GetValueOrDefault("recall@10"):F4}");
        }
        return new RecommendationEvaluationResult(split.Name, split.Corpus.Description, split.Tests.Count, data.JobCount, data.PairCount, [.. ks], results)
        {
            Seed = seed,
            ColdUserShare = ColdUserShare(split),
        };
    }

    private static ModelEvaluation Score(ModelSpec spec, IRecommender model, RecommenderDataset data, IReadOnlyList<TestCase> tests, IReadOnlyList<int> ks, int maxK)
    {
        var sums = new Dictionary<string, double>();
        var curve = new double[maxK + 1];
        var coverage = new CatalogCoverage<int>(data.JobCount, CoverageK);
        var summaryAps = new List<double>(tests.Count);
        void Add(string key, double value) => sums[key] = sums.GetValueOrDefault(key) + value;
        foreach (var test in tests)
        {
            int user = data.UserIndex[test.UserId];
            var exclude = test.Exclude.Select(j => data.JobIndex[j]).ToHashSet();
            var relevant = test.Relevant.Select(j => data.JobIndex[j]).ToHashSet();
            var ranked = model.Recommend(user, maxK, exclude);
            foreach (int k in ks.Append(SummaryK).Distinct())
            {
                Add($"map@{k}", RankingMetrics.AveragePrecision(ranked, relevant, k));
                Add($"precision@{k}", RankingMetrics.Precision(ranked, relevant, k));
                Add($"recall@{k}", RankingMetrics.Recall(ranked, relevant, k));
                Add($"ndcg@{k}", RankingMetrics.Ndcg(ranked, relevant, k));
                Add($"hit@{k}", RankingMetrics.HitRate(ranked, relevant, k));
            }
            summaryAps.Add(RankingMetrics.AveragePrecision(ranked, relevant, SummaryK));
            Add("mrr", RankingMetrics.ReciprocalRank(ranked, relevant, maxK));
            for (int k = 1; k <= maxK; k++) curve[k] += RankingMetrics.AveragePrecision(ranked, relevant, k);
            coverage.Add(ranked);
        }
        var metrics = sums.ToDictionary(kv => kv.Key, kv => kv.Value / tests.Count);
        metrics[$"coverage@{CoverageK}"] = coverage.Value;
        metrics[$"map@{SummaryK}_se"] = StandardError(summaryAps);
        var mapCurve = Enumerable.Range(1, maxK).Select(k => new MapPoint(k, curve[k] / tests.Count)).ToList();
        return new ModelEvaluation(spec.Name, spec.IsBaseline, 0, 0, metrics, mapCurve);
    }

    /// <summary>Standard error of the mean of per-user values: sample standard deviation / sqrt(n); 0 for fewer than two values.</summary>
    public static double StandardError(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }

    /// <summary>Share of the split's test users without any training interaction (cold-start users), 0..1.</summary>
    public static double ColdUserShare(EvaluationSplit split)
    {
        var warm = split.Train.Select(i => i.UserId).ToHashSet(StringComparer.Ordinal);
        return split.Tests.Count == 0 ? 0 : split.Tests.Count(t => !warm.Contains(t.UserId)) / (double)split.Tests.Count;
    }

    /// <summary>Writes training progress at most once per interval (and always the final report).</summary>
    private sealed class ThrottledProgress(TextWriter? log, TimeSpan interval) : IProgress<TrainingProgress>
    {
        private TimeSpan? _last;

        public void Report(TrainingProgress value)
        {
            if (log is null) return;
            if (value.Fraction < 1 && _last is { } last && value.Elapsed - last < interval) return;
            _last = value.Elapsed;
            log.WriteLine($"  [{value.Model}] {value.Stage} {value.Fraction * 100,5:F1}% {value.Elapsed.TotalSeconds,6:F1}s {value.Detail}");
        }
    }
}
