using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.ML.Tests.Recommenders;

public class RecommenderStoreTests
{
    public static TheoryData<string> Models => new() { "random", "popularity", "popularity-region", "title-region", "city-title", "item-knn", "user-knn", "bpr-mf", "content", "fm", "fm-notext", "hybrid" };

    private static IRecommender Create(string name)
    {
        var encoder = new HashedTextEncoder(64);
        var fm = new FmTrainingOptions { Epochs = 3, Threads = 1 };
        return name switch
        {
            "random" => new RandomRecommender(4),
            "popularity" => new PopularityRecommender(),
            "popularity-region" => new RegionalPopularityRecommender(),
            "title-region" => new TitleRegionRecommender(),
            "city-title" => new TitleRegionRecommender(1f, 2f, 0.7f),
            "item-knn" => new ItemKnnRecommender(),
            "user-knn" => new UserKnnRecommender(),
            "bpr-mf" => new BprMatrixFactorization(epochs: 3),
            "content" => new ContentBasedRecommender(encoder),
            "fm" => new FactorizationMachineRecommender(encoder, fm),
            "fm-notext" => new FactorizationMachineRecommender(null, fm),
            "hybrid" => new HybridRecommender([new TitleRegionRecommender(1f, 2f, 0.7f), new ContentBasedRecommender(encoder), new ItemKnnRecommender()],
                new FactorizationMachineRecommender(encoder, fm), 5, [1f, 0f, 0f]),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Saved_model_recommends_the_same_after_load(string name)
    {
        var data = ToyMarket.TwoCommunities(6);
        var model = Create(name);
        model.Fit(data);
        using var stream = new MemoryStream();
        RecommenderStore.Save(model, data, stream);
        stream.Position = 0;
        var loaded = RecommenderStore.Load(stream, data);
        Assert.Equal(name, loaded.Name);
        for (int u = 0; u < data.UserCount; u += 3)
        {
            var exclude = data.JobsOf(u).ToArray().ToHashSet();
            Assert.Equal(model.Recommend(u, 8, exclude), loaded.Recommend(u, 8, exclude));
        }
    }

    [Fact]
    public void Loading_against_another_catalog_or_garbage_fails_clearly()
    {
        var data = ToyMarket.TwoCommunities(6);
        var model = new PopularityRecommender();
        model.Fit(data);
        using var stream = new MemoryStream();
        RecommenderStore.Save(model, data, stream);
        stream.Position = 0;
        var other = ToyMarket.TwoCommunities(7);
        var e = Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(stream, other));
        Assert.Contains("another catalog", e.Message);

        var garbage = new MemoryStream("definitely not a model"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(garbage, data));
        Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(new MemoryStream(), data));
    }
}
