using JobRec.Data.Model;
using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class RerankerTests
{
    [Fact]
    public void Profiles_count_head_words_tails_and_words_per_occupation()
    {
        string[] codes = ["29-1141.00", "53-3032.00"];
        string[] titles = ["Registered Nurses", "Truck Drivers", "Staff Nurse", "ICU Nurse", "Nurse Driver", "Long Haul Truck Driver"];
        int[] owner = [0, 1, 0, 0, 1, 1];
        var profiles = new OccupationProfiles(codes, titles, owner);
        Assert.Equal(3, profiles.TitleCount(0));
        Assert.Equal(3, profiles.HeadCount(0, "nurse"));   // "Registered Nurses" counts as "nurse"
        Assert.Equal(0, profiles.HeadCount(0, "driver"));
        Assert.Equal(1f, profiles.HeadShare(0, "nurse"));
        Assert.Equal(1, profiles.WordCount(1, "nurse"));
        Assert.Equal(0.25f, profiles.WordShare(1, "nurse")); // 4 titles contain "nurse", one of them a driver's
        Assert.Equal(2, profiles.TailCount(1, "truck driver"));
        Assert.Equal("nurse", profiles.NameHead(0));
        Assert.Equal("driver", profiles.TopHead(1));
        Assert.True(profiles.NameHasWord(1, "truck"));
        Assert.NotEqual(profiles.Group(0, 0), profiles.Group(1, 0));
        Assert.Throws<ArgumentException>(() => new OccupationProfiles(codes, titles, [0, 1, 0, 0, 1, 2]));
    }

    [Fact]
    public void Features_follow_the_fused_order_and_mark_head_word_matches()
    {
        var profiles = new OccupationProfiles(["29-1141.00", "53-3032.00", "15-1252.00"],
            ["Registered Nurses", "Truck Drivers", "Software Developers", "Staff Nurse"], [0, 1, 2, 0]);
        var evidence = new OnetEvidence(1, 3, Semantic: [0.2f, 0.9f, 0.1f], Description: [0.1f, 0.2f, 0f], Lexical: [0.8f, 0.1f, 0f],
            Classifier: [0.5f, 0.3f, 0.2f]);
        float[] fused = [1f, 2f, 0.5f];
        var list = RerankFeatures.Build(evidence, 0, fused, "night nurse", profiles, k: 2, relevant: 0);
        Assert.Equal([1, 0], list.Candidates);
        Assert.Equal(1, list.Relevant);
        Assert.Equal(2 * RerankFeatures.Count, list.Features.Length);
        var driver = list.Features.AsSpan(0, RerankFeatures.Count);
        var nurse = list.Features.AsSpan(RerankFeatures.Count, RerankFeatures.Count);
        Assert.Equal(2f, driver[0]);
        Assert.Equal(-1f, nurse[1]);               // fused gap to the best
        Assert.Equal(0f, driver[1]);
        Assert.False(nurse.SequenceEqual(driver));
        // The relevant column is not among the candidates: -1.
        Assert.Equal(-1, RerankFeatures.Build(evidence, 0, fused, "night nurse", profiles, k: 1, relevant: 0).Relevant);
    }

    [Fact]
    public void Neighbour_votes_count_the_k_best_entries()
    {
        var votes = new float[3];
        NeighbourVotes.Tally([0.9f, 0.8f, 0.1f, 0.7f, 0f], [0, 1, 1, 2, 2], votes, k: 2);
        Assert.Equal([0.5f, 0.5f, 0f], votes);
        Array.Clear(votes);
        NeighbourVotes.Tally([0.1f, 0.8f, 0.9f, 0.7f], [0, 1, 1, 2], votes, k: 3);
        Assert.Equal(2f / 3, votes[1], 5);
        Assert.Equal(1f / 3, votes[2], 5);
        Assert.Equal(0f, votes[0]);
    }

    [Fact]
    public void Reranker_learns_which_feature_marks_the_right_candidate()
    {
        // Feature 0 is noise in fused order, feature 1 marks the right candidate; a trained reranker must move it to the top.
        var random = new Random(3);
        const int features = 2, candidates = 5;
        var lists = Enumerable.Range(0, 300).Select(_ =>
        {
            int right = random.Next(candidates);
            var f = new float[candidates * features];
            for (int j = 0; j < candidates; j++)
            {
                f[j * features] = (float)random.NextDouble();
                f[j * features + 1] = j == right ? 1f : (float)random.NextDouble() * 0.5f;
            }
            return new RerankList(Enumerable.Range(0, candidates).ToArray(), f, right);
        }).ToArray();
        var reranker = OnetReranker.Train(lists[..200], features, new RerankerOptions(Hidden: 4, Epochs: 30, LearningRate: 0.01f));
        int top = lists[200..].Count(l => reranker.Rerank(l).Candidates[0] == l.Candidates[l.Relevant]);
        Assert.True(top >= 90, $"{top} of 100 right at the top");
        var (order, scores) = reranker.Rerank(lists[200]);
        Assert.Equal(lists[200].Candidates.Order(), order.Order());
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First >= p.Second));
        Assert.Throws<ArgumentException>(() => OnetReranker.Train([new RerankList([0], [1f, 2f], -1)], features));
    }

    [Fact]
    public void Cross_fitting_scores_every_list_once()
    {
        var random = new Random(5);
        var lists = Enumerable.Range(0, 120).Select(i =>
        {
            var f = new float[3 * RerankFeatures.Count];
            int right = i % 3;
            f[right * RerankFeatures.Count + 5] = 1f;
            return new RerankList([0, 1, 2], f, i % 10 == 0 ? -1 : right);
        }).ToArray();
        var titles = Enumerable.Range(0, 120).Select(i => new TitleLabel("x", $"title {i}")).ToArray();
        var scores = OnetFusionTuning.CrossFitted(lists, titles, new RerankerOptions(Hidden: 0, Epochs: 20, LearningRate: 0.05f));
        Assert.Equal(120, scores.Count);
        // Lists without their right candidate can never be hits; the others are learnable from feature 5.
        Assert.InRange(scores.Top1, 0.8, 0.9 + 1e-9);
    }

    [Fact]
    public void Fold_lists_score_each_title_with_a_model_that_never_saw_it()
    {
        Occupation[] occupations =
        [
            new("29-1141.00", "Registered Nurses", "Assess patient health problems and needs, administer nursing care."),
            new("53-3032.00", "Heavy and Tractor-Trailer Truck Drivers", "Drive a tractor-trailer combination or truck."),
        ];
        var training = new[] { "Staff Nurse", "ICU Nurse", "Charge Nurse", "Night Nurse", "Ward Nurse", "Clinic Nurse" }.Select(t => new TitleLabel("29-1141.00", t))
            .Concat(new[] { "Truck Driver", "Semi Driver", "CDL Driver", "Haul Driver", "Tanker Driver", "Freight Driver" }.Select(t => new TitleLabel("53-3032.00", t)))
            .ToArray();
        var rest = training.Where((_, i) => i % 2 == 0).ToArray();
        var lists = OnetFusionTuning.FoldLists(occupations, training, rest, new HashingTextEncoder(),
            new OnetClassifierOptions(FineTuneHead: false, ClassifierEpochs: 5, RerankFolds: 2, Reranker: new RerankerOptions(Candidates: 2)));
        Assert.Equal(rest.Length, lists.Count);
        Assert.All(lists, l => Assert.Equal(2, l.Candidates.Length));
        Assert.All(lists, l => Assert.Equal(2 * RerankFeatures.Count, l.Features.Length));
        Assert.All(lists, l => Assert.True(l.Relevant >= 0));
        // Every list is scored by a model trained without its title, so no list can show a perfect lexical match (cosine 1) to its own title.
        Assert.All(lists, l => Assert.True(l.Features[9 + RerankFeatures.Count * l.Relevant] < 0.999f));
    }
}
