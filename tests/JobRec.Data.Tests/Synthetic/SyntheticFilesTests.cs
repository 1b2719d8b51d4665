using JobRec.Data.Model;
using JobRec.Data.Readers.CareerBuilder;
using JobRec.Data.Readers.JobRecCsv;
using JobRec.Data.Reading;
using JobRec.Data.Synthetic;
using JobRec.Data.Tests.Readers;

namespace JobRec.Data.Tests.Synthetic;

public class SyntheticFilesTests
{
    private static readonly SyntheticMarketOptions Options = new() { Jobs = 400, Users = 150, Seed = 11 };

    [Fact]
    public void Csv_layout_round_trips_through_the_projects_reader()
    {
        using var temp = new TempFolder();
        var market = SyntheticMarket.Generate(Options);
        SyntheticMarketWriter.WriteCsv(market, temp.Path);
        var source = new JobRecCsvSource([temp.Path]);
        var r = ReadResult.Of(source);
        Assert.Equal(0, r.Report.Rejected);
        Assert.Empty(r.Report.Issues);
        var jobs = market.Jobs().ToList();
        Assert.Equal(jobs.Count, r.Jobs.Count);
        for (var i = 0; i < jobs.Count; i += 37)
        {
            var (a, b) = (jobs[i], r.Jobs[i]);
            Assert.Equal((a.Id, a.Title, a.Company, a.Location, a.Region, a.Description, a.Level, a.EmploymentType, a.Remote, a.SalaryMin, a.SalaryMax, a.OnetCode),
                (b.Id, b.Title, b.Company, b.Location, b.Region, b.Description, b.Level, b.EmploymentType, b.Remote, b.SalaryMin, b.SalaryMax, b.OnetCode));
            Assert.Equal(a.Skills, b.Skills);
            Assert.Equal(a.PostedAt!.Value.ToUnixTimeSeconds(), b.PostedAt!.Value.ToUnixTimeSeconds());
        }
        var users = market.Users().ToList();
        Assert.Equal(users.Select(u => (u.Id, u.ResumeText, u.Region, u.YearsExperience)), r.Users.Select(u => (u.Id, u.ResumeText, u.Region, u.YearsExperience)));
        Assert.Equal(market.TrainInteractions().Select(i => (i.UserId, i.JobId, i.Kind, i.Time.ToUnixTimeSeconds())),
            r.Interactions.Select(i => (i.UserId, i.JobId, i.Kind, i.Time.ToUnixTimeSeconds())));
        Assert.Equal(market.FutureInteractions().Count(), source.ReadFutureInteractions(new ReadReport()).Count());
        Assert.Equal(market.Occupations().Count(), r.Occupations.Count);
    }

    [Fact]
    public void CareerBuilder_layout_is_read_back_by_the_careerbuilder_reader()
    {
        using var temp = new TempFolder();
        var market = SyntheticMarket.Generate(Options);
        SyntheticMarketWriter.WriteCareerBuilder(market, temp.Path);
        Assert.Equal(string.Join('\t', CareerBuilderSource.JobColumns), File.ReadLines(Path.Combine(temp.Path, "jobs.tsv")).First());
        var source = new CareerBuilderSource([temp.Path]);
        var r = ReadResult.Of(source);
        Assert.Equal(0, r.Report.Rejected);
        Assert.Equal(400, r.Jobs.Count);
        Assert.Equal(150, r.Users.Count);
        var job = market.Job(9);
        var read = r.Jobs.Single(j => j.Id == "cb:10");
        Assert.Equal((job.Title, job.Location, job.Region), (read.Title, read.Location, read.Region));
        Assert.StartsWith(job.Description, read.Description);
        Assert.Equal(job.PostedAt!.Value.ToUnixTimeMilliseconds(), read.PostedAt!.Value.ToUnixTimeMilliseconds());
        var user = market.User(4);
        var readUser = r.Users.Single(u => u.Id == "cb:5");
        Assert.Equal(user.PastTitles, readUser.PastTitles);
        Assert.Equal(user.Region, readUser.Region);
        var applies = market.TrainInteractions().Concat(market.FutureInteractions()).Count(i => i.Kind == InteractionKind.Apply);
        Assert.Equal(applies, r.Interactions.Count);
        Assert.All(r.Interactions, i => Assert.Equal(InteractionKind.Apply, i.Kind));
        var window = Assert.Single(source.ReadWindows(new ReadReport()));
        Assert.Equal(market.TrainEnd, window.TestStart);
    }
}
