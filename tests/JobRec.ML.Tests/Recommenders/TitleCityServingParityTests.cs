using JobRec.ML.Models;
using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Recommenders;

/// <summary>Train/serve parity of the title and city inputs: a served model computes them from raw strings with the vocabulary stored in its
/// payload, and must get what training computed (FmContext) for the same user and job.</summary>
public class TitleCityServingParityTests
{
    private static JobContent Job(string title, string city) => new($"{title}. {city}", "TX") { Title = title, City = city };

    private static RecommenderDataset Market()
    {
        var b = new RecommenderDatasetBuilder();
        b.AddJob("j0", Job("Cashier", "Austin, TX"));
        b.AddJob("j1", Job("Night Stock Crew", "Dallas, TX"));
        b.AddJob("j2", Job("Part Time Cashier", "Austin, TX"));
        b.AddJob("j3", Job("Senior Cashier Lead", "dallas, tx"));
        b.AddJob("j4", Job("Registered Nurse", "Austin, TX"));
        b.AddJob("j5", Job("Stock Associate", "Houston, TX"));
        b.AddJob("j6", Job("Welder", ""));
        b.AddUser("viewer", new UserContent("", "TX") { Titles = ["Store Cashier", "Stock Lead"], City = "Houston, TX" });
        b.AddUser("other", new UserContent("", "TX"));
        b.AddInteraction("viewer", "j0", ToyMarket.Start);
        b.AddInteraction("viewer", "j1", ToyMarket.Start.AddHours(1));
        b.AddInteraction("viewer", "j5", ToyMarket.Start.AddHours(2));
        b.AddInteraction("other", "j4", ToyMarket.Start.AddHours(3));
        b.AddInteraction("other", "j2", ToyMarket.Start.AddHours(4));
        return b.Build();
    }

    [Fact]
    public void The_served_featurizer_computes_the_title_and_city_inputs_training_computed_for_every_job()
    {
        var data = Market();
        var fm = new FactorizationMachineRecommender(null, new FmTrainingOptions { Factors = 4, Epochs = 2, Threads = 1, Seed = 3 });
        fm.Fit(data);
        // Through the model payload, as a silo gets it.
        var served = ServedFactorizationMachine.Load(ServedFactorizationMachine.From(fm, data).Save());
        var featurizer = Assert.IsType<TitleCityFeaturizer>(served.TitleCity);
        int viewer = data.UserIndex["viewer"];
        // Newest first, as a user grain keeps its recent jobs.
        var history = data.JobsOf(viewer).ToArray().Reverse().Select(j => (data.Jobs[j].Title, data.Jobs[j].City)).ToList();
        var user = featurizer.User(history, data.Users[viewer].Titles, data.Users[viewer].City);
        int nonZero = 0;
        for (int j = 0; j < data.JobCount; j++)
        {
            var offline = fm.FeatureInputs(viewer, j);
            var online = featurizer.With(offline with { CityMatch = 0, TitleHistorySimilarity = 0, TitleProfileSimilarity = 0, ProfileCityMatch = false },
                user, data.Jobs[j].Title, data.Jobs[j].City);
            Assert.Equal(offline.CityMatch, online.CityMatch, 6);
            Assert.Equal(offline.TitleHistorySimilarity, online.TitleHistorySimilarity, 5);
            Assert.Equal(offline.TitleProfileSimilarity, online.TitleProfileSimilarity, 5);
            Assert.Equal(offline.ProfileCityMatch, online.ProfileCityMatch);
            var scores = new float[2];
            served.Score([offline, online], scores);
            Assert.Equal(scores[0], scores[1], 4);
            nonZero += offline.CityMatch != 0 && offline.TitleHistorySimilarity != 0 ? 1 : 0;
        }

        Assert.True(nonZero >= 2, "the market should give some jobs both a city match and a title similarity");
        // The newest history job in Dallas is one step back (0.7); Austin two steps back (0.49); the profile city is Houston.
        Assert.Equal(0.7f, fm.FeatureInputs(viewer, data.JobIndex["j3"]).CityMatch, 5);
        Assert.Equal(0.49f, fm.FeatureInputs(viewer, data.JobIndex["j2"]).CityMatch, 5);
        Assert.True(fm.FeatureInputs(viewer, data.JobIndex["j5"]).ProfileCityMatch);
    }

    [Fact]
    public void A_model_trained_without_the_title_and_city_inputs_has_no_featurizer_and_format_1_payloads_still_load()
    {
        var data = Market();
        var fm = new FactorizationMachineRecommender(null, new FmTrainingOptions { Factors = 4, Epochs = 1, Threads = 1, TitleCityFeatures = false });
        fm.Fit(data);
        var served = ServedFactorizationMachine.From(fm, data);
        Assert.Null(served.TitleCity);
        var payload = served.Save();
        Assert.Null(ServedFactorizationMachine.Load(payload).TitleCity);
        // Format 1 began with the text flag and had no format byte or title/city flag; its payloads still load, whatever the metadata says.
        Assert.Equal(ServedFactorizationMachine.PayloadFormat, payload[0]);
        byte[] format1 = [payload[1], .. payload[3..]];
        Assert.Equal(served.UserIds, ServedFactorizationMachine.Load(format1, 1).UserIds);
        Assert.Equal(served.UserIds, ServedFactorizationMachine.Load(format1).UserIds);
        Assert.Null(ServedFactorizationMachine.Load(payload, 1).TitleCity);
        Assert.Contains("starts with 9", Assert.Throws<InvalidDataException>(() => ServedFactorizationMachine.Load([9, .. payload[1..]])).Message);
        Assert.Contains("payload format 7", Assert.Throws<InvalidDataException>(() => ServedFactorizationMachine.Load(payload, 7)).Message);
    }
}
