using JobRec.Data.Readers.Onet;
using JobRec.Data.Model;
using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class OnetClassifierTests
{
    private static readonly Occupation[] Occupations = ToyOnetData.Occupations;

    private static readonly TitleLabel[] Titles = ToyOnetData.Titles;

    [Fact]
    public void Classifies_unseen_titles_into_the_right_occupation()
    {
        var classifier = OnetClassifier.Train(Occupations, Titles, new HashingTextEncoder(),
            new OnetClassifierOptions(FineTuneHead: false, ClassifierEpochs: 30));
        var predictions = classifier.Classify(["night shift nurse", "truck driver local routes", "python developer"], 3);
        Assert.Equal("29-1141.00", predictions[0][0].Code);
        Assert.Equal("53-3032.00", predictions[1][0].Code);
        Assert.Equal("15-1252.00", predictions[2][0].Code);
        Assert.All(predictions, p => Assert.Equal(3, p.Count));
        Assert.True(predictions[0][0].Score >= predictions[0][1].Score);
    }

    [Fact]
    public void Split_is_deterministic_and_near_the_requested_share()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new TitleLabel($"{i % 50:00}-0000.00", $"Title {i}")).ToArray();
        var (train, test) = TitleSplit.Split(rows);
        var (train2, test2) = TitleSplit.Split(rows.Reverse());
        Assert.Equal(test.Select(t => t.Title).Order(), test2.Select(t => t.Title).Order());
        Assert.InRange(test.Count, 900, 1100);
        Assert.Equal(5000, train.Count + test.Count);
        Assert.Empty(TitleSplit.ExcludeTitles(train, train.Select(t => t with { Title = t.Title.ToUpperInvariant() })));
    }

    [Fact]
    public void Ranking_scores_count_hits_and_reciprocal_ranks()
    {
        var s = new RankingScores();
        s.Add(["a", "b"], "a");
        s.Add(["b", "c", "a"], "a");
        s.Add(["x"], "a");
        Assert.Equal(1.0 / 3, s.Top1, 6);
        Assert.Equal(2.0 / 3, s.Top5, 6);
        Assert.Equal((1 + 1.0 / 3) / 3, s.Mrr10, 6);
    }

    [Fact]
    public void Tsv_reader_names_file_and_line_of_a_short_row()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "oNETSOCCode\ttitle\tdescription\n11-1011.00\tChief Executives\tDetermine policies\n11-1021.00\tGeneral Managers\n");
            var ex = Assert.Throws<FormatException>(() => OnetSource.LoadOccupations(path));
            Assert.Contains($"{path}:3", ex.Message);
            File.WriteAllText(path, "code\ttitle\n");
            Assert.Contains("missing column 'oNETSOCCode'", Assert.Throws<FormatException>(() => OnetSource.LoadOccupations(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Tfidf_baseline_runs_on_the_real_onet_files()
    {
        var dir = SharedData.File("onet");
        var occupations = OnetSource.LoadOccupations(Path.Combine(dir, OnetEvaluation.OccupationFile));
        var (train, test) = TitleSplit.Split(OnetSource.LoadAlternateTitles(Path.Combine(dir, OnetEvaluation.AlternateTitlesFile)));
        Assert.Equal(1016, occupations.Count);
        var scores = OnetEvaluation.TfIdfBaseline(occupations, train, test.Take(500).ToArray());
        Assert.Equal(500, scores.Count);
        Assert.InRange(scores.Top1, 0.15, 0.6);
        Assert.True(scores.Top10 > scores.Top1);
    }
}
