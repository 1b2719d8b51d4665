using JobRec.Data.Model;
using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class VoteEvidenceTests
{
    private static readonly Occupation[] Occupations = ToyOnetData.Occupations;

    private static readonly TitleLabel[] Titles = ToyOnetData.Titles;

    [Fact]
    public void Weighted_vote_gives_each_of_the_k_nearest_exp_of_its_cosine_over_t_and_sums_to_one()
    {
        // Entries 0..4 of classes 0, 1, 1, 2, 2; the three nearest are 0 (0.9), 1 (0.8) and 3 (0.7).
        var votes = new float[3];
        NeighbourVotes.Weighted([0.9f, 0.8f, 0.1f, 0.7f, 0f], [0, 1, 1, 2, 2], votes, new VoteSettings(3, 0.1f));
        float e1 = MathF.Exp(-1), e2 = MathF.Exp(-2), total = 1 + e1 + e2;
        Assert.Equal(1 / total, votes[0], 5);
        Assert.Equal(e1 / total, votes[1], 5);
        Assert.Equal(e2 / total, votes[2], 5);

        // A high temperature approaches the plain count; a low one hands the vote to the nearest entry.
        NeighbourVotes.Weighted([0.9f, 0.8f, 0.1f, 0.7f, 0f], [0, 1, 1, 2, 2], votes, new VoteSettings(3, 1000f));
        Assert.All(votes, v => Assert.Equal(1f / 3, v, 3));
        NeighbourVotes.Weighted([0.9f, 0.8f, 0.1f, 0.7f, 0f], [0, 1, 1, 2, 2], votes, new VoteSettings(3, 0.001f));
        Assert.Equal(1f, votes[0], 5);
        Assert.True(votes[1] < 1e-6f && votes[2] < 1e-6f, string.Join(", ", votes));

        // Two close titles of one class outvote one slightly closer title of another.
        NeighbourVotes.Weighted([0.80f, 0.79f, 0.78f], [0, 1, 1], votes, new VoteSettings(3, 0.1f));
        Assert.True(votes[1] > votes[0]);
    }

    [Fact]
    public void Nearest_returns_the_k_best_entries_best_first_earlier_entry_on_ties()
    {
        var (entries, scores) = NeighbourVotes.Nearest([0.3f, 0.9f, 0.5f, 0.9f, -0.2f], 3);
        Assert.Equal([1, 3, 2], entries);
        Assert.Equal([0.9f, 0.9f, 0.5f], scores);
        Assert.Equal([0, 1], NeighbourVotes.Nearest([0.5f, 0.1f], 10).Entries);
    }

    [Fact]
    public void Vote_evidence_ranks_a_titles_own_occupation_first_and_is_deterministic()
    {
        var options = new OnetClassifierOptions(FineTuneHead: false, ClassifierWeight: 0, Rerank: false, Vote: new VoteSettings(3, 0.05f));
        var classifier = OnetClassifier.Train(Occupations, Titles, new HashingTextEncoder(), options);
        string[] queries = [.. Titles.Select(t => t.Title), .. Occupations.Select(o => o.Title)];
        string[] codes = [.. Titles.Select(t => t.Code), .. Occupations.Select(o => o.Code)];
        var evidence = classifier.Evidence(queries);
        Assert.NotNull(evidence.Vote);
        for (int q = 0; q < queries.Length; q++)
        {
            var row = evidence.Vote.AsSpan(q * 3, 3).ToArray();
            int own = Array.FindIndex(Occupations, o => o.Code == codes[q]);
            Assert.True(row[own] > 0.5f, $"'{queries[q]}' votes {string.Join(", ", row)} for {codes[q]}");
            Assert.Equal(1f, row.Sum(), 4);
        }

        // The vote alone, as the fused score, ranks each title's occupation first; a second model from the same data votes identically.
        var voteOnly = classifier.WithWeights(new OnetFusionWeights(0, 0, 0, 0, 1));
        var predictions = voteOnly.Classify(queries, 1);
        Assert.Equal(codes, predictions.Select(p => p[0].Code));
        var again = OnetClassifier.Train(Occupations, Titles, new HashingTextEncoder(), options).Evidence(queries);
        Assert.Equal(evidence.Vote, again.Vote);

        // The sweep over settings computes the same evidence as the model's own settings.
        var swept = classifier.VoteEvidence(queries, [new VoteSettings(1, 0.5f), classifier.Vote]);
        Assert.Equal(evidence.Vote, swept[1]);
        Assert.Equal(queries.Length * 3, swept[0].Length);
    }

    [Fact]
    public void Fusion_adds_the_vote_only_with_a_vote_weight()
    {
        var evidence = new OnetEvidence(1, 2, Semantic: [0.5f, 0.4f], Description: [0f, 0f], Lexical: [0f, 0f], Classifier: [0f, 0f], Vote: [0.1f, 0.9f]);
        var scores = new float[2];
        evidence.Fuse(0, new OnetFusionWeights(1, 0, 0, 0), scores);
        Assert.Equal([0.5f, 0.4f], scores);
        evidence.Fuse(0, new OnetFusionWeights(1, 0, 0, 0, 1), scores);
        Assert.Equal(0.6f, scores[0], 5);
        Assert.Equal(1.3f, scores[1], 5);
    }

    [Fact]
    public void Out_of_range_vote_settings_are_refused_with_the_setting_named()
    {
        var classifier = OnetClassifier.Train(Occupations, Titles, new HashingTextEncoder(), new OnetClassifierOptions(FineTuneHead: false, ClassifierWeight: 0, Rerank: false));
        Assert.Contains("vote neighbours", Assert.Throws<ArgumentException>(() => classifier.WithVote(new VoteSettings(0, 0.1f))).Message);
        Assert.Contains("vote temperature", Assert.Throws<ArgumentException>(() => classifier.WithVote(new VoteSettings(5, 0f))).Message);
        Assert.Contains("vote temperature", Assert.Throws<ArgumentException>(() => classifier.VoteEvidence(["nurse"], [new VoteSettings(5, float.NaN)])).Message);
        Assert.Equal(new VoteSettings(7, 0.2f), classifier.WithVote(new VoteSettings(7, 0.2f)).Vote);
    }
}
