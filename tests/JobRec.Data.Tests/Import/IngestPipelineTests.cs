using JobRec.Data.Import;
using JobRec.Data.Readers.JobViews;
using JobRec.Data.Readers.LinkedIn;

namespace JobRec.Data.Tests.Import;

public class IngestPipelineTests
{
    [Fact]
    public async Task Importing_twice_adds_nothing_the_second_time()
    {
        var sink = new InMemoryIngestSink();
        var source = new JobViewsSource([SharedData.File("job_views_interactions")]);
        var first = await IngestPipeline.RunAsync(source, sink, new IngestOptions { BatchSize = 500 });
        var counts = (sink.Jobs.Count, sink.Users.Count, sink.Interactions.Count);
        var second = await IngestPipeline.RunAsync(source, sink);
        Assert.Equal(counts, (sink.Jobs.Count, sink.Users.Count, sink.Interactions.Count));
        Assert.Equal(first.Imported, second.Imported);
        Assert.Equal(counts.Item1 + counts.Item2 + counts.Item3, first.Created);
        Assert.Equal(0, second.Created);
        Assert.Equal(10099, first.ImportedByKind["interactions"]);
        Assert.Equal($"ingest: read={first.Read} imported={first.Imported} rejected=0", first.SummaryLine);
        Assert.EndsWith(first.SummaryLine, first.ToString());
    }

    [Fact]
    public async Task Bad_rows_are_reported_and_good_rows_before_and_after_are_kept()
    {
        using var temp = new TempFolder();
        const string header = "job_link,job_title,company,job_location\n";
        temp.File("linkedin_job_postings.csv", header
            + "https://x/view/a-1000001,First,Acme,\"Austin, TX\"\n"
            + "https://x/view/a-1000002,\"bad \"quote,Acme,X\n"
            + "https://x/view/a-1000003,,Acme,X\n"
            + "https://x/view/a-1000004,Last,Acme,\"Boise, ID\"\n");
        var sink = new InMemoryIngestSink();
        var seen = new List<IngestProgress>();
        var report = await IngestPipeline.RunAsync(new LinkedIn2024Source([temp.Path]), sink,
            new IngestOptions { BatchSize = 1, Progress = new SynchronousProgress(seen.Add), ProgressInterval = TimeSpan.Zero });
        Assert.Equal(["li:1000001", "li:1000004"], sink.Jobs.Keys.Order());
        Assert.Equal((4L, 2L, 2L), (report.Read, report.Imported, report.Rejected));
        Assert.Equal(["linkedin_job_postings.csv:3: unexpected character after closing quote of field 2", "linkedin_job_postings.csv:4: missing required field job_title"],
            report.Issues.Select(i => i.ToString()));
        Assert.Equal("ingest: read=4 imported=2 rejected=2", report.ToString().Split('\n')[^1]);
        Assert.Contains("rejected 2 rows, 0 file problems; first problems:", report.ToString());
        Assert.True(seen[^1].Done);
        Assert.Equal(4, seen[^1].RowsRead);
    }

    [Fact]
    public void Progress_bar_formats_rows_rate_and_rejects()
    {
        var line = ConsoleProgressBar.Format(new IngestProgress("dice", 200_000, 3, 199_997, TimeSpan.FromSeconds(2), true), 0);
        Assert.Equal("[========================] dice 200,000 rows  100,000 rows/s  imported 199,997  rejected 3  2.0s", line);
        var writer = new StringWriter();
        var bar = new ConsoleProgressBar(writer, inPlace: true);
        bar.Report(new IngestProgress("dice", 10, 0, 10, TimeSpan.FromSeconds(1), false));
        Assert.StartsWith("\r[<=>", writer.ToString());
        var plain = new StringWriter();
        var lines = new ConsoleProgressBar(plain, inPlace: false);
        lines.Report(new IngestProgress("dice", 10, 0, 10, TimeSpan.FromSeconds(0.1), false));
        lines.Report(new IngestProgress("dice", 20, 0, 20, TimeSpan.FromSeconds(0.2), false));
        lines.Report(new IngestProgress("dice", 30, 0, 30, TimeSpan.FromSeconds(3), true));
        Assert.Equal(2, plain.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Unknown_source_names_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => DataSources.Create("monster", ["x"]));
        Assert.Contains("unknown source 'monster'", e.Message);
        Assert.Contains("linkedin2024", e.Message);
    }

    private sealed class SynchronousProgress(Action<IngestProgress> action) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => action(value);
    }
}
