using JobRec.Data.Model;
using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class OnetFusionTuningTests
{
    [Fact]
    public void Score_ranks_by_the_weighted_sum_and_counts_ties_against()
    {
        // Two queries over three occupations; the lexical evidence favours the right answer, the semantic evidence the wrong one.
        var evidence = new OnetEvidence(2, 3,
            Semantic: [0.9f, 0.1f, 0f, 0.9f, 0.1f, 0f],
            Description: new float[6],
            Lexical: [0f, 1f, 0f, 0f, 0f, 0f],
            Classifier: new float[6]);
        int[] relevant = [1, 2];
        var semanticOnly = OnetFusionTuning.Score(evidence, relevant, new OnetFusionWeights(1, 0, 0, 0));
        Assert.Equal(0, semanticOnly.Top1);
        var mixed = OnetFusionTuning.Score(evidence, relevant, new OnetFusionWeights(1, 0, 1, 0));
        Assert.Equal(0.5, mixed.Top1);
        // Query 2: its relevant column scores 0 and two columns score higher: rank 3.
        Assert.Equal((1 + 1.0 / 3) / 2, mixed.Mrr10, 6);
        // All weights zero: every column ties with the relevant one, and ties rank it last.
        var ties = OnetFusionTuning.Score(evidence, relevant, new OnetFusionWeights(0, 0, 0, 0));
        Assert.Equal(0, ties.Top1);
    }

    [Fact]
    public void Development_split_is_salted_deterministic_and_disjoint_by_title()
    {
        var rows = Enumerable.Range(0, 4000).Select(i => new TitleLabel($"{i % 40:00}-0000.00", $"Title {i % 2999}")).ToArray();
        var (train, test) = TitleSplit.Split(rows);
        var (rest, development) = TitleSplit.Split(train, 10, OnetFusionTuning.DevelopmentSalt);
        var (rest2, development2) = TitleSplit.Split(train.Reverse(), 10, OnetFusionTuning.DevelopmentSalt);
        Assert.Equal(development.Select(t => t.Code + t.Title).Order(), development2.Select(t => t.Code + t.Title).Order());
        Assert.InRange(development.Count, train.Count / 20, train.Count / 6);
        var unsalted = TitleSplit.Split(rows, 10).Test.Select(t => t.Code + t.Title).ToHashSet();
        var salted = TitleSplit.Split(rows, 10, OnetFusionTuning.DevelopmentSalt).Test.Select(t => t.Code + t.Title).ToHashSet();
        Assert.True(unsalted.Intersect(salted).Count() < unsalted.Count / 3, "a salted split must be independent of the evaluation split");
        var cleaned = TitleSplit.ExcludeTitles(rest, development);
        var developmentTitles = development.Select(t => t.Title.ToLowerInvariant()).ToHashSet();
        Assert.DoesNotContain(cleaned, t => developmentTitles.Contains(t.Title.ToLowerInvariant()));
        Assert.True(cleaned.Count < rest.Count, "the same title under another code must leave training too");
        Assert.Equal(train.Count, rest2.Count + development2.Count);
    }

    [Fact]
    public void AddRank_counts_unranked_queries_as_misses()
    {
        var s = new RankingScores();
        s.AddRank(1);
        s.AddRank(7);
        s.AddRank(0);
        s.AddRank(11);
        Assert.Equal(4, s.Count);
        Assert.Equal(0.25, s.Top1);
        Assert.Equal(0.5, s.Top10);
        Assert.Equal((1 + 1.0 / 7) / 4, s.Mrr10, 6);
    }
}
