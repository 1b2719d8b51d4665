using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Recommenders;

/// <summary>Title-word and city signals: the title-region baseline, the city-title source and the FM's title/city features.</summary>
public class TitleAndCityFeatureTests
{
    private static readonly FmTrainingOptions FastFm = new() { Factors = 8, Epochs = 5, Threads = 1, Seed = 3 };

    private static JobContent Job(string title, string city, string region) => new($"{title}. {city}", region) { Title = title, City = city };

    // viewer: saw a cashier job in Austin (older), then a stocker job in Dallas (newest). newbie: no views, a profile.
    private static RecommenderDataset Market()
    {
        var b = new RecommenderDatasetBuilder();
        b.AddJob("seen-cashier", Job("Cashier", "Austin, TX", "TX"));
        b.AddJob("seen-stocker", Job("Night Stock Crew", "Dallas, TX", "TX"));
        b.AddJob("cashier-austin", Job("Part Time Cashier", "Austin, TX", "TX"));
        b.AddJob("cashier-boston", Job("Cashier", "Boston, MA", "MA"));
        b.AddJob("nurse-austin", Job("Registered Nurse", "Austin, TX", "TX"));
        b.AddJob("nurse-dallas", Job("Registered Nurse", "dallas, tx", "TX"));
        b.AddJob("welder-boston", Job("Welder", "Boston, MA", "MA"));
        b.AddUser("viewer", new UserContent("", ""));
        b.AddUser("newbie", new UserContent("Welder at Shipyard", "MA") { Titles = ["Welder", "Pipe Fitter"], City = "Boston, MA" });
        b.AddInteraction("viewer", "seen-cashier", ToyMarket.Start);
        b.AddInteraction("viewer", "seen-stocker", ToyMarket.Start.AddHours(1));
        for (int u = 0; u < 4; u++) b.AddInteraction($"other{u}", "nurse-austin", ToyMarket.Start.AddHours(2 + u));
        return b.Build();
    }

    [Fact]
    public void Title_tokens_are_lower_case_words_without_filler_and_rare_words_weigh_more()
    {
        Assert.Equal(["part", "time", "cashier", "wal", "mart"], TitleTermIndex.Tokens("Part-Time CASHIER needed @ Wal-Mart (#12)"));
        var index = TitleTermIndex.Build(["Cashier", "Part Time Cashier", "Part Time Stocker", "Welder"]);
        Assert.Equal(1f, index.Job(0).Dot(index.Job(0)), 5);
        Assert.Equal(0f, index.Job(0).Dot(index.Job(3)));
        var query = index.Encode([("Cashier", 1f)]);
        // "cashier" is in 2 of 4 titles, "part"/"time" in 2 as well; the stocker shares only "part time" with job 1.
        Assert.True(query.Dot(index.Job(1)) > query.Dot(index.Job(2)));
        Assert.True(index.Encode([("unknown words only", 1f)]).IsEmpty);
    }

    [Fact]
    public void Title_region_baseline_ranks_same_title_in_region_first_and_uses_profile_titles_without_history()
    {
        var data = Market();
        var model = new TitleRegionRecommender();
        Assert.Equal("title-region", model.Name);
        model.Fit(data);
        int viewer = data.UserIndex["viewer"], newbie = data.UserIndex["newbie"];
        var seen = data.JobsOf(viewer).ToArray().ToHashSet();
        var top = model.Recommend(viewer, 2, seen);
        Assert.Equal("cashier-austin", data.JobIds[top[0]]); // title overlap + TX (resolved from history)
        Assert.Equal("welder-boston", data.JobIds[model.Recommend(newbie, 1)[0]]); // profile title "Welder" + MA
    }

    [Fact]
    public void City_title_source_prefers_the_newest_history_city()
    {
        var data = Market();
        var model = new TitleRegionRecommender(regionWeight: 1f, cityWeight: 2f, historyDecay: 0.5f);
        Assert.Equal("city-title", model.Name);
        model.Fit(data);
        int viewer = data.UserIndex["viewer"];
        var scores = new float[data.JobCount];
        model.ScoreAll(viewer, scores);
        // Dallas (newest view, weight 1) beats Austin (one step back, weight 0.5) for jobs with the same title; city case is ignored.
        Assert.True(scores[data.JobIndex["nurse-dallas"]] > scores[data.JobIndex["nurse-austin"]]);
        // A history title in a history city beats the same city without the title.
        Assert.True(scores[data.JobIndex["cashier-austin"]] > scores[data.JobIndex["nurse-austin"]]);
    }

    [Fact]
    public void Fm_inputs_carry_city_match_title_similarities_and_profile_city()
    {
        var data = Market();
        var fm = new FactorizationMachineRecommender(null, FastFm);
        fm.Fit(data);
        int viewer = data.UserIndex["viewer"], newbie = data.UserIndex["newbie"];
        var dallas = fm.FeatureInputs(viewer, data.JobIndex["nurse-dallas"]);
        var austin = fm.FeatureInputs(viewer, data.JobIndex["nurse-austin"]);
        var boston = fm.FeatureInputs(viewer, data.JobIndex["cashier-boston"]);
        Assert.Equal(1f, dallas.CityMatch);                       // newest history job's city
        Assert.Equal(FmContextHistoryDecay, austin.CityMatch, 5); // one step back
        Assert.Equal(0f, boston.CityMatch);
        Assert.True(boston.TitleHistorySimilarity > 0.3f, $"{boston.TitleHistorySimilarity}");
        Assert.Equal(0f, dallas.TitleHistorySimilarity);
        var welder = fm.FeatureInputs(newbie, data.JobIndex["welder-boston"]);
        Assert.True(welder.ProfileCityMatch);
        Assert.True(welder.TitleProfileSimilarity > 0.5f);
        Assert.False(fm.FeatureInputs(newbie, data.JobIndex["cashier-austin"]).ProfileCityMatch);

        // The features reach the model: a layout write of the Dallas job holds the city-match slot.
        Span<int> idx = stackalloc int[FmFeatureLayout.MaxNonZeros];
        Span<float> val = stackalloc float[FmFeatureLayout.MaxNonZeros];
        int n = fm.Layout.Write(dallas, idx, val);
        int slot = fm.Layout.Users + fm.Layout.Jobs + (int)FmFeature.CityMatch;
        Assert.Contains(slot, idx[..n].ToArray());
    }

    [Fact]
    public void Fm_without_id_features_has_only_dense_slots_and_survives_save_and_load()
    {
        var data = Market();
        var fm = new FactorizationMachineRecommender(null, FastFm with { IdFeatures = false });
        fm.Fit(data);
        Assert.Equal(FmFeatureLayout.DenseCount, fm.Model.FeatureCount);
        using var stream = new MemoryStream();
        RecommenderStore.Save(fm, data, stream);
        stream.Position = 0;
        var loaded = RecommenderStore.Load(stream, data);
        int viewer = data.UserIndex["viewer"];
        Assert.Equal(fm.Recommend(viewer, 5), loaded.Recommend(viewer, 5));
    }

    [Fact]
    public void Hybrid_fusion_lets_a_weighted_source_reorder_the_pool_for_users_with_history_only()
    {
        var data = Market();
        int viewer = data.UserIndex["viewer"], newbie = data.UserIndex["newbie"];
        var seen = data.JobsOf(viewer).ToArray().ToHashSet();
        HybridRecommender Make(float weight) => new(
            [new TitleRegionRecommender(1f, 4f, 0.5f), new RegionalPopularityRecommender()],
            new FactorizationMachineRecommender(null, FastFm), candidatesPerSource: 10, sourceWeights: [weight, 0f]);
        var plain = Make(0f);
        var fused = Make(1000f);
        plain.Fit(data);
        fused.Fit(data);
        var cityTitle = new TitleRegionRecommender(1f, 4f, 0.5f);
        cityTitle.Fit(data);
        // A huge weight makes the source's order win for the warm user; the cold user keeps the FM order.
        Assert.Equal(cityTitle.Recommend(viewer, 3, seen), fused.Recommend(viewer, 3, seen));
        Assert.Equal(plain.Recommend(newbie, 5), fused.Recommend(newbie, 5));
        Assert.Throws<ArgumentException>(() => new HybridRecommender([new RegionalPopularityRecommender()], new FactorizationMachineRecommender(null, FastFm), 5, [1f, 2f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HybridRecommender([new RegionalPopularityRecommender()], new FactorizationMachineRecommender(null, FastFm), 5, [-1f]));
    }

    private const float FmContextHistoryDecay = 0.7f;
}
