using System.Text.Json;
using System.Text.RegularExpressions;
using JobRec.Data.Model;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Reports;
using JobRec.Evaluation.Runner;
using JobRec.Evaluation.Splits;
using JobRec.ML.Recommenders;

namespace JobRec.Evaluation.Tests.Runner;

public class RecommendationEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Every user views "hot" last; popularity should rank it first for every held-out user.
    private static EvaluationSplit Split()
    {
        var views = new List<Interaction>();
        for (int u = 0; u < 12; u++)
        {
            views.Add(new($"u{u}", $"j{u}", InteractionKind.View, T0.AddHours(u)));
            views.Add(new($"u{u}", $"k{u}", InteractionKind.View, T0.AddHours(u + 1)));
            views.Add(new($"u{u}", "hot", InteractionKind.View, T0.AddHours(u + 2 + (u < 6 ? 0 : 100))));
        }
        return new LeaveLastOutSplitter().Split(new InteractionCorpus([], [], views) { Description = "toy" });
    }

    [Fact]
    public void Scores_each_model_and_reports_tables_json_chart_and_summary()
    {
        var split = Split();
        Assert.Equal(12, split.Tests.Count);
        ModelSpec[] models =
        [
            new("random", true, () => new RandomRecommender(2)),
            new("popularity", true, () => new PopularityRecommender()),
            new("item-knn", false, () => new ItemKnnRecommender()),
        ];
        var log = new StringWriter();
        var result = new RecommendationEvaluator(log).Evaluate(split, models, [1, 5]);

        // "hot" is held out for every user, so no training pair contains it and popularity cannot rank it: all jobs tie at 1
        // except hot (0). A random ranking of 25 jobs hits rarely; both are bounded, and MAP@K grows with K.
        var popularity = result.Models.Single(m => m.Name == "popularity");
        Assert.Equal(0, popularity.Metric("map@5"));
        Assert.Equal(RecommendationEvaluator.CurveMaxK, popularity.MapCurve.Count);
        var random = result.Models.Single(m => m.Name == "random");
        Assert.True(random.MapCurve.Zip(random.MapCurve.Skip(1)).All(p => p.First.Map <= p.Second.Map + 1e-12));
        Assert.Contains("[item-knn] fit", log.ToString());

        var md = RecommendationReport.Markdown(result);
        Assert.Contains("| popularity (baseline) |", md);
        Assert.Contains("MAP@5", md);
        using var json = JsonDocument.Parse(RecommendationReport.Json(result));
        Assert.Equal(12, json.RootElement.GetProperty("users").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("models").GetArrayLength());
        Assert.Contains("<polyline", RecommendationReport.MapChart(result).Render());
        Assert.Matches(new Regex(@"^recommend: users=12 best=item-knn map10=\d\.\d{4} se=\d\.\d{4} baseline_best=(random|popularity) baseline_map10=\d\.\d{4} cold_share=0\.00$"),
            RecommendationReport.SummaryLine(result));
    }

    [Fact]
    public void Writes_report_files()
    {
        var split = Split();
        var result = new RecommendationEvaluator().Evaluate(split, [new("popularity", true, () => new PopularityRecommender())], [10]);
        var folder = Directory.CreateTempSubdirectory("jobrec-eval-").FullName;
        try
        {
            var files = RecommendationReport.WriteAll(result, folder);
            Assert.All(files, f => Assert.True(new FileInfo(f).Length > 100, f));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Rejects_bad_cutoffs_and_empty_splits()
    {
        var split = Split();
        Assert.Throws<ArgumentException>(() => new RecommendationEvaluator().Evaluate(split, [], [0]));
        var empty = split with { Tests = [] };
        var e = Assert.Throws<ArgumentException>(() => new RecommendationEvaluator().Evaluate(empty, [], [5]));
        Assert.Contains("no test users", e.Message);
    }

    [Fact]
    public void Standard_error_is_the_sample_deviation_over_root_n_and_cold_share_counts_users_without_training()
    {
        Assert.Equal(0, RecommendationEvaluator.StandardError([0.5]));
        // values 0, 1: mean 0.5, sample variance 0.5, SE = sqrt(0.5 / 2) = 0.5
        Assert.Equal(0.5, RecommendationEvaluator.StandardError([0.0, 1.0]), 12);
        Assert.Equal(0, RecommendationEvaluator.StandardError([0.2, 0.2, 0.2]), 12);

        var split = Split();
        Assert.Equal(0, RecommendationEvaluator.ColdUserShare(split));
        var twoCold = split with { Train = split.Train.Where(i => i.UserId is not ("u0" or "u1")).ToList() };
        Assert.Equal(2 / 12.0, RecommendationEvaluator.ColdUserShare(twoCold), 12);

        // Even users get the held-out job first (AP 1), odd users never (AP 0): mean 0.5, SE = sqrt((12/11 * 0.25) / 12).
        var result = new RecommendationEvaluator().Evaluate(split, [new("half", false, () => new HotForEvenUsers())], [10]);
        Assert.Equal(0.5, result.Models[0].Metric("map@10"), 12);
        Assert.Equal(Math.Sqrt(12.0 / 11 * 0.25 / 12), result.Models[0].Metric("map@10_se"), 9);
        Assert.Contains("SE MAP@10", RecommendationReport.Markdown(result));
        Assert.Contains("0 % cold", RecommendationReport.Markdown(result));
    }

    private sealed class HotForEvenUsers : Recommender
    {
        public override string Name => "half";

        protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress) { }

        public override void ScoreAll(int user, Span<float> scores)
        {
            int hot = Data.JobIndex["hot"];
            bool even = int.Parse(Data.UserIds[user][1..]) % 2 == 0;
            for (int j = 0; j < scores.Length; j++) scores[j] = j == hot ? (even ? 1 : -1) : 0;
        }

        public override void Save(BinaryWriter writer) { }
    }
}
