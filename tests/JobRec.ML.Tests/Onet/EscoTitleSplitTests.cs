using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.ML.Onet;
using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Tests.Onet;

public sealed class EscoTitleSplitTests
{
    private static IReadOnlyList<TitleLabel> JobBertTitles() =>
        EscoTitleEvaluation.ReadTitles(SharedData.File("jobbert_title_normalization", "titles.csv"), new ReadReport()).ToList();

    [Fact]
    public void The_held_out_split_is_about_a_fifth_stable_and_shares_no_title_with_training()
    {
        var titles = JobBertTitles();
        var (train, heldOut) = EscoTitleEvaluation.SplitTitles(titles);
        Assert.InRange(heldOut.Count, titles.Count * 17 / 100, titles.Count * 23 / 100);
        var heldOutTitles = heldOut.Select(t => t.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(train, t => heldOutTitles.Contains(t.Title));
        Assert.True(train.Count + heldOut.Count <= titles.Count);
        var (_, again) = EscoTitleEvaluation.SplitTitles(titles.Reverse().ToList());
        Assert.Equal(heldOut.Select(t => t.Code + "|" + t.Title).Order(), again.Select(t => t.Code + "|" + t.Title).Order());
    }

    [Fact]
    public void Pair_sources_map_vacancy_titles_and_alternative_labels_to_the_preferred_label()
    {
        var occupations = new[]
        {
            new Occupation("esco:1", "software developer", "") { AlternateTitles = ["programmer", "Software Developer", "coder"], Taxonomy = "esco" },
            new Occupation("esco:2", "nurse", "") { AlternateTitles = [], Taxonomy = "esco" },
        };
        var labels = TrainingPairSources.EscoLabels(occupations).ToList();
        Assert.Equal(["programmer", "coder"], labels.Select(p => p.Anchor));
        Assert.All(labels, p => Assert.Equal(("software developer", "esco-label", "esco:1"), (p.Positive, p.Source, p.Group)));
        var vacancies = TrainingPairSources.JobBertTitles([new TitleLabel("esco:2", "Night nurse"), new TitleLabel("esco:9", "Unknown")], occupations).ToList();
        var pair = Assert.Single(vacancies);
        Assert.Equal(new TrainingPair("Night nurse", "nurse", "jobbert-title", "esco:2"), pair);
    }
}
