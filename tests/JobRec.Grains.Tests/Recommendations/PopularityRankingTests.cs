using JobRec.Grains.Recommendations;

namespace JobRec.Grains.Tests.Recommendations;

public sealed class PopularityRankingTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(5, 10)]
    [InlineData(2000, 1000)]
    [InlineData(20000, 1000)]
    public void The_highest_counts_match_a_full_sort_with_ties_by_id(int jobs, int keep)
    {
        var random = new Random(jobs + keep);
        // Few distinct values, so ties are common and the id order decides.
        var counts = Enumerable.Range(0, jobs).ToDictionary(i => $"job-{random.Next(1_000_000):D7}-{i}", _ => (float)random.Next(0, 30));

        var expected = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(keep).ToList();

        Assert.Equal(expected, PopularityGrain.Highest(counts, keep));
    }
}
