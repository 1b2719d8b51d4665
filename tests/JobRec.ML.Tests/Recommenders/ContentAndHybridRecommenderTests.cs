using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.ML.Tests.Recommenders;

public class ContentAndHybridRecommenderTests
{
    private static readonly FmTrainingOptions FastFm = new() { Epochs = 20, Threads = 1, Seed = 3 };

    [Fact]
    public void Hashed_encoder_gives_unit_vectors_closer_for_related_titles()
    {
        var encoder = new HashedTextEncoder(256);
        var v = encoder.Encode(["Registered Nurse ICU", "ICU registered nurse, night shift", "CDL truck driver", ""]);
        float Dot(int a, int b) => Enumerable.Range(0, 256).Sum(i => v[a * 256 + i] * v[b * 256 + i]);
        Assert.Equal(1f, Dot(0, 0), 4);
        Assert.Equal(0f, Dot(3, 3));
        Assert.True(Dot(0, 1) > 0.5f && Dot(0, 1) > Dot(0, 2) + 0.3f, $"related {Dot(0, 1)}, unrelated {Dot(0, 2)}");
    }

    [Fact]
    public void Idf_weights_lower_words_that_every_document_has()
    {
        var encoder = new HashedTextEncoder(1024, trigramWeight: 0).WithIdf(["sales manager", "sales associate", "sales driver", "nurse"]);
        var v = encoder.Encode(["sales manager"]);
        var sales = encoder.Encode(["sales"]);
        var manager = encoder.Encode(["manager"]);
        float Dot(float[] a, float[] b) => Enumerable.Range(0, 1024).Sum(i => a[i] * b[i]);
        Assert.True(Dot(v, manager) > Dot(v, sales), $"manager {Dot(v, manager)} vs sales {Dot(v, sales)}");
    }

    [Fact]
    public void Content_model_recommends_from_history_and_cold_users_from_their_profile()
    {
        var b = new RecommenderDatasetBuilder();
        foreach (var (id, title) in new[] { ("n1", "registered nurse ICU"), ("n2", "registered nurse pediatrics"), ("d1", "truck driver CDL"), ("d2", "delivery truck driver") })
            b.AddJob(id, new JobContent(title, ""));
        b.AddUser("cold", new UserContent("I am a CDL truck driver", ""));
        b.AddInteraction("warm", "n1", ToyMarket.Start);
        var data = b.Build();
        var model = new ContentBasedRecommender(new HashedTextEncoder(256));
        model.Fit(data);
        int warm = data.UserIndex["warm"];
        Assert.Equal("n2", data.JobIds[model.Recommend(warm, 1, new HashSet<int> { data.JobIndex["n1"] })[0]]);
        var cold = model.Recommend(data.UserIndex["cold"], 2).Select(j => data.JobIds[j]).ToHashSet();
        Assert.Equal(new HashSet<string> { "d1", "d2" }, cold);
    }

    [Fact]
    public void Fm_learns_the_communities_with_and_without_text()
    {
        var data = ToyMarket.TwoCommunities();
        foreach (var model in new[] { new FactorizationMachineRecommender(new HashedTextEncoder(128), FastFm), new FactorizationMachineRecommender(null, FastFm) })
        {
            model.Fit(data);
            Assert.True(ToyMarket.InCommunityShare(model, data) >= 0.9, $"{model.Name}: {ToyMarket.InCommunityShare(model, data):F2}");
            Assert.True(model.ExamplesTrained > 0 && model.ExamplesPerSecond > 0);
        }
    }

    [Fact]
    public void Fm_scores_candidate_batches_from_feature_inputs_like_the_catalog_path()
    {
        var data = ToyMarket.TwoCommunities(5);
        var model = new FactorizationMachineRecommender(new HashedTextEncoder(64), FastFm);
        model.Fit(data);
        int[] jobs = [0, 3, 7, 11];
        var viaCatalog = new float[jobs.Length];
        model.Score(2, jobs, viaCatalog);
        var inputs = jobs.Select(j => model.FeatureInputs(2, j)).ToArray();
        var viaInputs = new float[jobs.Length];
        model.ScoreCandidates(inputs, viaInputs);
        Assert.Equal(viaCatalog, viaInputs);
        // A job unknown to the model (index -1) still gets a finite score from its dense features.
        var unknown = inputs[0] with { Job = -1 };
        var one = new float[1];
        model.ScoreCandidates([unknown], one);
        Assert.True(float.IsFinite(one[0]));
    }

    [Fact]
    public void Hybrid_returns_k_distinct_unseen_jobs_ranked_by_the_fm()
    {
        var data = ToyMarket.TwoCommunities();
        var encoder = new MemoryCachedTextEncoder(new HashedTextEncoder(128));
        var hybrid = new HybridRecommender([new ContentBasedRecommender(encoder), new ItemKnnRecommender(), new RegionalPopularityRecommender()],
            new FactorizationMachineRecommender(encoder, FastFm), candidatesPerSource: 5);
        hybrid.Fit(data);
        var exclude = data.JobsOf(0).ToArray().ToHashSet();
        var recs = hybrid.Recommend(0, 12, exclude);
        Assert.Equal(12, recs.Length);
        Assert.Equal(12, recs.Distinct().Count());
        Assert.DoesNotContain(recs, exclude.Contains);
        Assert.True(ToyMarket.InCommunityShare(hybrid, data) >= 0.9);
    }
}
