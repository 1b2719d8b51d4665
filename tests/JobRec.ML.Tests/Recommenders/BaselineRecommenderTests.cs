using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Recommenders;

public class BaselineRecommenderTests
{
    private static RecommenderDataset Small()
    {
        // j1 is viewed by 3 users, j2 by 2, j3 (TX) by 1, j4 (TX) by nobody.
        var b = new RecommenderDatasetBuilder();
        b.AddJob("j1", new JobContent("a", "CA"));
        b.AddJob("j2", new JobContent("b", "CA"));
        b.AddJob("j3", new JobContent("c", "TX"));
        b.AddJob("j4", new JobContent("d", "TX"));
        b.AddUser("texan", new UserContent("", "TX"));
        var t = ToyMarket.Start;
        b.AddInteraction("a", "j1", t); b.AddInteraction("b", "j1", t); b.AddInteraction("c", "j1", t);
        b.AddInteraction("a", "j2", t); b.AddInteraction("b", "j2", t);
        b.AddInteraction("c", "j3", t);
        return b.Build();
    }

    [Fact]
    public void Popularity_ranks_by_distinct_users_and_respects_exclusions()
    {
        var data = Small();
        var model = new PopularityRecommender();
        model.Fit(data);
        int u = data.UserIndex["texan"];
        Assert.Equal(new[] { "j1", "j2", "j3" }, model.Recommend(u, 3).Select(j => data.JobIds[j]));
        Assert.Equal(new[] { "j2", "j3" }, model.Recommend(u, 2, new HashSet<int> { data.JobIndex["j1"] }).Select(j => data.JobIds[j]));
    }

    [Fact]
    public void Regional_popularity_puts_the_users_region_first()
    {
        var data = Small();
        var model = new RegionalPopularityRecommender();
        model.Fit(data);
        Assert.Equal(new[] { "j3", "j4", "j1", "j2" }, model.Recommend(data.UserIndex["texan"], 4).Select(j => data.JobIds[j]));
        // User "a" has no profile region: it comes from the jobs they viewed (CA).
        Assert.Equal("CA", UserRegionResolver.Resolve(data, data.UserIndex["a"]));
    }

    [Fact]
    public void Random_is_repeatable_for_a_seed_and_differs_between_seeds()
    {
        var data = ToyMarket.TwoCommunities();
        var a = new RandomRecommender(7); a.Fit(data);
        var b = new RandomRecommender(7); b.Fit(data);
        var c = new RandomRecommender(8); c.Fit(data);
        Assert.Equal(a.Recommend(0, 10), b.Recommend(0, 10));
        Assert.NotEqual(a.Recommend(0, 10), c.Recommend(0, 10));
    }

    [Fact]
    public void Collaborative_models_stay_in_the_users_community()
    {
        var data = ToyMarket.TwoCommunities();
        IRecommender[] models = [new ItemKnnRecommender(), new UserKnnRecommender(), new BprMatrixFactorization(epochs: 60)];
        foreach (var model in models)
        {
            model.Fit(data);
            Assert.True(ToyMarket.InCommunityShare(model, data) >= 0.95, $"{model.Name}: {ToyMarket.InCommunityShare(model, data):F2}");
        }
        var random = new RandomRecommender(1);
        random.Fit(data);
        Assert.InRange(ToyMarket.InCommunityShare(random, data), 0.2, 0.8);
    }

    [Fact]
    public void Item_knn_scores_co_viewed_jobs_by_cosine()
    {
        var data = Small();
        var model = new ItemKnnRecommender();
        model.Fit(data);
        var scores = new float[data.JobCount];
        model.ScoreAll(data.UserIndex["a"], scores);
        // User a viewed j1 and j2: j3 is co-viewed with j1 only via user c: 1 / sqrt(3 * 1).
        Assert.Equal(1 / MathF.Sqrt(3), scores[data.JobIndex["j3"]], 5);
        Assert.Equal(0f, scores[data.JobIndex["j4"]]);
    }

    [Fact]
    public void Unfitted_model_says_so()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new PopularityRecommender().Recommend(0, 5));
        Assert.Contains("popularity", e.Message);
    }
}
