using JobRec.Data.Import;
using JobRec.Data.Readers.JobRecCsv;
using JobRec.Data.Synthetic;

namespace JobRec.Data.Tests.Import;

public class SqliteIngestSinkTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_store_file_is_created_readable_by_its_owner_only()
    {
        using var temp = new TempFolder();
        var db = Path.Combine(temp.Path, "store", "ingest.db");
        using (new SqliteIngestSink(db))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db));
    }

    [Fact]
    public async Task Reimporting_into_the_same_store_adds_nothing_and_keeps_the_data()
    {
        using var temp = new TempFolder();
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 300, Users = 100, Seed = 5 });
        SyntheticMarketWriter.WriteCsv(market, Path.Combine(temp.Path, "market"));
        var source = new JobRecCsvSource([Path.Combine(temp.Path, "market")]);
        var db = Path.Combine(temp.Path, "store", "ingest.db");
        IngestReport first;
        using (var sink = new SqliteIngestSink(db))
        {
            first = await IngestPipeline.RunAsync(source, sink, new IngestOptions { BatchSize = 128 });
        }
        using (var sink = new SqliteIngestSink(db))
        {
            var second = await IngestPipeline.RunAsync(source, sink);
            Assert.Equal(first.Imported, second.Imported);
            Assert.Equal(first.Imported, first.Created);
            Assert.Equal(0, second.Created);
            Assert.Equal(300, sink.Count("jobs"));
            Assert.Equal(100, sink.Count("users"));
            Assert.Equal(market.TrainInteractions().Count(), sink.Count("interactions"));
            var job = market.Job(17);
            var stored = sink.FindJob(job.Id)!;
            Assert.Equal((job.Title, job.Description, job.Region, job.SalaryMax, job.PostedAt), (stored.Title, stored.Description, stored.Region, stored.SalaryMax, stored.PostedAt));
            Assert.Equal(job.Skills, stored.Skills);
            Assert.Equal(market.User(3).ResumeText, sink.FindUser(SyntheticMarket.UserId(3))!.ResumeText);
        }
    }
}

public class SyntheticMarketSourceTests
{
    [Fact]
    public async Task Generated_market_imports_without_files_and_keeps_the_future_out()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 200, Users = 60, Seed = 9 });
        var sink = new InMemoryIngestSink();
        var report = await IngestPipeline.RunAsync(new SyntheticMarketSource(market), sink);
        Assert.Equal(200, sink.Jobs.Count);
        Assert.Equal(60, sink.Users.Count);
        Assert.Equal(market.TrainInteractions().ToHashSet(), sink.Interactions.ToHashSet());
        Assert.DoesNotContain(market.FutureInteractions().First(), sink.Interactions);
        Assert.Equal(report.Read, report.Imported);
    }
}
