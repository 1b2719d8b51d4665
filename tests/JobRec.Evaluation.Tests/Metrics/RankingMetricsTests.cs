using JobRec.Evaluation.Metrics;

namespace JobRec.Evaluation.Tests.Metrics;

public class RankingMetricsTests
{
    private static readonly string[] Ranked = ["a", "b", "c", "d", "e"];
    private static readonly HashSet<string> Relevant = ["a", "c", "f"];

    [Fact]
    public void Average_precision_sums_precision_at_hit_ranks_over_min_of_relevant_and_k()
    {
        // Hits at ranks 1 and 3: (1/1 + 2/3) / min(3, 5) = 0.5556.
        Assert.Equal((1 + 2.0 / 3) / 3, RankingMetrics.AveragePrecision(Ranked, Relevant, 5), 10);
        // K = 2: hit at rank 1 only, divided by min(3, 2) = 2.
        Assert.Equal(0.5, RankingMetrics.AveragePrecision(Ranked, Relevant, 2), 10);
        // One relevant item at rank 2: (1/2) / min(1, 10).
        Assert.Equal(0.5, RankingMetrics.AveragePrecision(["x", "a"], new HashSet<string> { "a" }, 10), 10);
        Assert.Equal(0, RankingMetrics.AveragePrecision(Ranked, new HashSet<string> { "z" }, 5));
        Assert.Equal(0, RankingMetrics.AveragePrecision(Ranked, new HashSet<string>(), 5));
        // A repeated hit counts once.
        Assert.Equal(1.0, RankingMetrics.AveragePrecision(["a", "a"], new HashSet<string> { "a" }, 2), 10);
    }

    [Fact]
    public void Precision_recall_hit_rate_and_reciprocal_rank()
    {
        Assert.Equal(0.4, RankingMetrics.Precision(Ranked, Relevant, 5), 10);
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Ranked, Relevant, 5), 10);
        Assert.Equal(1.0 / 3, RankingMetrics.Recall(Ranked, Relevant, 2), 10);
        Assert.Equal(1.0, RankingMetrics.ReciprocalRank(Ranked, Relevant));
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(["b", "a"], new HashSet<string> { "a" }));
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(["b", "a"], new HashSet<string> { "a" }, 1));
        Assert.Equal(0.0, RankingMetrics.HitRate(["b", "a"], new HashSet<string> { "a" }, 1));
        Assert.Equal(1.0, RankingMetrics.HitRate(["b", "a"], new HashSet<string> { "a" }, 2));
        // Precision divides by K even when the list is shorter.
        Assert.Equal(0.1, RankingMetrics.Precision(["a"], Relevant, 10), 10);
    }

    [Fact]
    public void Ndcg_uses_binary_gains_and_the_ideal_of_min_relevant_k()
    {
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG (3 relevant) = 1 + 1/log2(3) + 1/log2(4) = 2.1309.
        double ideal = 1 + 1 / Math.Log2(3) + 0.5;
        Assert.Equal(1.5 / ideal, RankingMetrics.Ndcg(Ranked, Relevant, 5), 10);
        Assert.Equal(1.0, RankingMetrics.Ndcg(["a", "c", "f"], Relevant, 3), 10);
        // K = 1: only rank 1 counts and the ideal is one hit.
        Assert.Equal(0.0, RankingMetrics.Ndcg(["b", "a"], Relevant, 1));
    }

    [Fact]
    public void Non_positive_k_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.AveragePrecision(Ranked, Relevant, 0));
        Assert.Contains("K must be at least 1", e.Message);
    }

    [Fact]
    public void Catalog_coverage_counts_distinct_items_in_top_k()
    {
        var coverage = new CatalogCoverage<string>(10, 2);
        coverage.Add(["a", "b", "z"]);
        coverage.Add(["b", "c"]);
        Assert.Equal(0.3, coverage.Value, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CatalogCoverage<string>(0, 2));
    }
}
