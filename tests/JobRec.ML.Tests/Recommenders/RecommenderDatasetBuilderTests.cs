using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Recommenders;

public class RecommenderDatasetBuilderTests
{
    [Fact]
    public void Repeated_interactions_collapse_to_one_pair_with_summed_weight_and_latest_time()
    {
        var b = new RecommenderDatasetBuilder();
        var t0 = ToyMarket.Start;
        b.AddInteraction("u1", "j1", t0.AddHours(2));
        b.AddInteraction("u1", "j2", t0.AddHours(1));
        b.AddInteraction("u1", "j1", t0.AddHours(5), 2f);
        b.AddInteraction("u2", "j2", t0);
        b.AddJob("j3", new JobContent("unseen job", "NY"));
        var data = b.Build();

        Assert.Equal(2, data.UserCount);
        Assert.Equal(3, data.JobCount);
        Assert.Equal(3, data.PairCount);
        int u1 = data.UserIndex["u1"], j1 = data.JobIndex["j1"], j2 = data.JobIndex["j2"];
        Assert.Equal([j2, j1], data.JobsOf(u1).ToArray()); // oldest last-interaction first
        Assert.Equal([1f, 3f], data.WeightsOf(u1).ToArray());
        Assert.Equal(t0.AddHours(5).UtcTicks, data.TicksOf(u1)[1]);
        Assert.Equal(2, data.UsersOf(j2).Length);
        Assert.Equal(0, data.UsersOf(data.JobIndex["j3"]).Length);
        Assert.Equal("NY", data.Jobs[data.JobIndex["j3"]].Region);
        Assert.Equal(t0.AddHours(5).UtcTicks, data.LastTicks);
    }

    [Fact]
    public void Non_positive_weight_is_rejected_naming_the_pair()
    {
        var b = new RecommenderDatasetBuilder();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => b.AddInteraction("u9", "j7", ToyMarket.Start, 0f));
        Assert.Contains("u9", e.Message);
        Assert.Contains("j7", e.Message);
    }
}
