using JobRec.Grains.Occupations;
using JobRec.ML.Onet;

namespace JobRec.Grains.Tests.Occupations;

public sealed class RerankedServingTests
{
    private static readonly string[] Titles =
    [
        "Registered Nurse", "ICU Staff Nurse", "Java Developer", "Long Haul Truck Driver", "Tax Accountant", "Line Cook", "Forklift Operator",
        "High School Math Teacher", "Welder Fitter", "Payroll Clerk", "Dental Hygienist", "Case Worker",
    ];

    [Fact]
    public void Serving_classify_with_the_reranker_returns_the_evaluation_paths_reranked_top_prediction()
    {
        var serving = SmallOnetClassifier.Reranked;
        Assert.True(serving.Reranked);
        var evaluated = serving.Model.Classify(Titles, 10);   // what OnetEvaluation scores
        var fused = serving.Model.WithReranker(null).Classify(Titles, 1);
        var matches = serving.Classify(Titles.Select(t => (t, "")).ToList());
        for (int i = 0; i < Titles.Length; i++)
        {
            Assert.Equal(evaluated[i][0].Code, matches[i].Code);
            Assert.Equal(evaluated[i][0].Score, matches[i].Score);
            Assert.Equal(serving.TitleOf(matches[i].Code), matches[i].Title);
        }

        // The scores are the re-ranker's, not the fused sum's: the serving path did re-rank.
        Assert.NotEqual(fused.Select(p => p[0].Score), matches.Select(m => m.Score));
    }

    [Fact]
    public void A_saved_reranked_model_serves_the_same_matches_after_loading_through_the_environment()
    {
        var dir = Directory.CreateTempSubdirectory("onet-serving-").FullName;
        try
        {
            var path = Path.Combine(dir, "onet.model");
            OnetModelFile.Save(SmallOnetClassifier.Reranked.Model, path);
            var variables = new Dictionary<string, string?> { [OnetClassifierConfiguration.ModelVariable] = path, [OnetClassifierConfiguration.DirectoryVariable] = "/no/such/dir" };
            var loaded = Assert.IsType<OnetOccupationClassifier>(OnetClassifierConfiguration.From(v => variables.GetValueOrDefault(v), SmallOnetClassifier.Encoder));
            Assert.True(loaded.Reranked);
            var postings = Titles.Select(t => (t, "responsible for daily work")).ToList();
            Assert.Equal(SmallOnetClassifier.Reranked.Classify(postings), loaded.Classify(postings));

            variables[OnetClassifierConfiguration.ModelVariable] = Path.Combine(dir, "missing.model");
            var missing = Assert.Throws<FileNotFoundException>(() => OnetClassifierConfiguration.From(v => variables.GetValueOrDefault(v), SmallOnetClassifier.Encoder));
            Assert.Contains($"{OnetClassifierConfiguration.ModelVariable}='{Path.Combine(dir, "missing.model")}'", missing.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
