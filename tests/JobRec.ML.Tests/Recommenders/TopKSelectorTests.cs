using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Recommenders;

public class TopKSelectorTests
{
    [Fact]
    public void Returns_best_first_with_ties_to_smaller_index_and_skips_excluded_and_nan()
    {
        float[] scores = [0.5f, 2f, float.NaN, 2f, -1f, 3f, float.NegativeInfinity];
        Assert.Equal([5, 1, 3], TopKSelector.Select(scores, 3));
        Assert.Equal([5, 3, 0], TopKSelector.Select(scores, 3, new HashSet<int> { 1 }));
        Assert.Equal([5, 1, 3, 0, 4], TopKSelector.Select(scores, 10));
        Assert.Empty(TopKSelector.Select(scores, 0));
    }

    [Fact]
    public void Matches_a_full_sort_on_random_scores()
    {
        var rng = new Random(3);
        var scores = Enumerable.Range(0, 1000).Select(_ => (float)rng.Next(100)).ToArray();
        var expected = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(37).ToArray();
        Assert.Equal(expected, TopKSelector.Select(scores, 37));
    }
}
