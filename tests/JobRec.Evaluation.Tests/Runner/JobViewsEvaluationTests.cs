using JobRec.Data.Reading;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Reports;
using JobRec.Evaluation.Runner;
using JobRec.Evaluation.Splits;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Evaluation.Tests.Runner;

/// <summary>The real Job_Views logs (../shared/data/job_views_interactions).</summary>
public class JobViewsEvaluationTests
{
    private static readonly Lazy<InteractionCorpus> Corpus = new(() =>
        JobViewsCorpusLoader.Load(Path.Combine(SharedData.File("job_views_interactions"), "Job_Views.csv"), SharedData.File("job_views_interactions"), new ReadReport()));

    [Fact]
    public void Reads_every_view_and_profiles()
    {
        var corpus = Corpus.Value;
        Assert.Equal(10_099, corpus.Interactions.Count);
        Assert.Equal(5_970, corpus.Interactions.Select(i => i.JobId).Distinct().Count());
        Assert.Contains(corpus.Users.Values, u => u.ResumeText.Length > 0);
        Assert.Equal("NY", corpus.Jobs["jv:96655"].Region);
    }

    [Fact]
    public void Leave_last_out_evaluates_the_674_users_with_three_jobs_and_content_beats_popularity()
    {
        var split = new LeaveLastOutSplitter().Split(Corpus.Value);
        Assert.Equal(674, split.Tests.Count);
        var encoder = new HashedTextEncoder().WithIdf(split.Corpus.Jobs.Values.Select(j => RecommenderDatasetFactory.JobContentOf(j).Text));
        var models = StandardModels.Select(StandardModels.All(encoder), ["popularity", "popularity-region", "content"]);
        var result = new RecommendationEvaluator().Evaluate(split, models, [10]);
        var content = result.Models.Single(m => m.Name == "content").Metric("map@10");
        var baseline = result.BestBaseline()!.Metric("map@10");
        Assert.True(content >= 1.5 * baseline, $"content MAP@10 {content:F4} vs best baseline {baseline:F4}");
        Assert.StartsWith("recommend: users=674 best=content", RecommendationReport.SummaryLine(result));
    }

    [Fact]
    public void Hybrid_beats_the_title_region_baseline_by_half_again_on_warm_users_and_fm_beats_popularity_in_region_on_cold_users()
    {
        var corpus = Corpus.Value;
        var encoder = new HashedTextEncoder().WithIdf(corpus.Jobs.Values.Select(j => RecommenderDatasetFactory.JobContentOf(j).Text));
        var all = StandardModels.All(encoder);

        var warm = new RecommendationEvaluator().Evaluate(new LeaveLastOutSplitter().Split(corpus),
            StandardModels.Select(all, ["popularity-region", "title-region", "hybrid"]), [10]);
        Assert.Equal("title-region", warm.BestBaseline()!.Name);
        double hybrid = warm.Models.Single(m => m.Name == "hybrid").Metric("map@10"), baseline = warm.BestBaseline()!.Metric("map@10");
        Assert.True(hybrid >= 0.08 && hybrid >= 1.5 * baseline, $"warm hybrid MAP@10 {hybrid:F4} vs title-region {baseline:F4}");

        var cold = new RecommendationEvaluator().Evaluate(new ColdStartSplitter(seed: 1).Split(corpus),
            StandardModels.Select(all, ["popularity", "popularity-region", "title-region", "fm"]), [10]);
        Assert.Equal(1.0, cold.ColdUserShare);
        double fm = cold.Models.Single(m => m.Name == "fm").Metric("map@10"), coldBaseline = cold.BestBaseline()!.Metric("map@10");
        Assert.True(fm > coldBaseline, $"cold fm MAP@10 {fm:F4} vs {cold.BestBaseline()!.Name} {coldBaseline:F4}");
    }

    [Fact]
    public void Views_file_under_another_name_and_bad_paths()
    {
        var folder = Directory.CreateTempSubdirectory("jobrec-views-test-").FullName;
        try
        {
            var path = Path.Combine(folder, "views_test.csv");
            File.WriteAllText(path, "Applicant.ID,Job.ID,Title,Position,Company,City,State.Name,State.Code,Industry,View.Start,View.End,View.Duration,Created.At,Updated.At\n" +
                "1,10,Cook @ Diner,Cook,Diner,Austin,Texas,TX,NA,2014-12-12 20:08:50 UTC,NA,1,NA,NA\n" +
                "1,11,Chef @ Bistro,Chef,Bistro,Austin,Texas,TX,NA,not a date,NA,1,NA,NA\n");
            var report = new ReadReport();
            var corpus = JobViewsCorpusLoader.Load(path, null, report);
            Assert.Single(corpus.Interactions);
            Assert.Equal(1, report.Rejected);
            Assert.Contains(report.Issues, i => i.Line == 3);
            Assert.Throws<FileNotFoundException>(() => JobViewsCorpusLoader.Load(Path.Combine(folder, "missing.csv"), null, new ReadReport()));
            File.WriteAllText(path, "Applicant.ID,Job.ID,View.Start\n1,10,garbage\n");
            var e = Assert.Throws<InvalidDataException>(() => JobViewsCorpusLoader.Load(path, null, new ReadReport()));
            Assert.Contains("views_test.csv", e.Message);
        }
        finally { Directory.Delete(folder, true); }
    }
}
