using JobRec.Data.Import;
using JobRec.Data.Model;
using JobRec.Data.Readers.LinkedIn;
using JobRec.Data.Synthetic;

namespace JobRec.Data.Tests.Import;

public class ResumableImportTests
{
    [Fact]
    public async Task An_interrupted_import_resumes_after_its_checkpoint_without_duplicates()
    {
        using var temp = new TempFolder();
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 2_500, Users = 10, Seed = 5 });
        LinkedIn2024Writer.Write(market.Jobs(), temp.Path);
        var checkpoint = Path.Combine(temp.Path, "import.checkpoint");
        var sink = new CountingSink(failAfterJobs: 1_200);
        var options = new IngestOptions { BatchSize = 250, CheckpointPath = checkpoint, ExpectedItems = 2_500 };

        await Assert.ThrowsAsync<IOException>(() => IngestPipeline.RunAsync(new LinkedIn2024Source([temp.Path]), sink, options));
        var saved = IngestCheckpoint.Load(checkpoint);
        Assert.NotNull(saved);
        Assert.Equal("linkedin2024", saved.Source);
        Assert.InRange(saved.Items, 250, 1_200); // whole batches, only those written

        sink.FailAfterJobs = long.MaxValue;
        var seen = new List<IngestProgress>();
        var report = await IngestPipeline.RunAsync(new LinkedIn2024Source([temp.Path]), sink,
            options with { Progress = new ListProgress(seen.Add), ProgressInterval = TimeSpan.Zero });

        Assert.Equal(2_500 - saved.Items, report.Imported);
        Assert.Equal(2_500, sink.Inner.Jobs.Count);
        Assert.Equal(saved.Items, seen[^1].Skipped);
        Assert.False(File.Exists(checkpoint)); // a completed import leaves no checkpoint
        // What the first run wrote after its checkpoint is written again, never duplicated: each id once, and every job was written.
        Assert.True(sink.Writes >= 2_500);
        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => "li:" + (LinkedIn2024Writer.FirstLinkedInId + i)).Order(), sink.Inner.Jobs.Keys.Order());
    }

    [Fact]
    public async Task A_checkpoint_of_another_source_is_refused()
    {
        using var temp = new TempFolder();
        LinkedIn2024Writer.Write(SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 10, Users = 1 }).Jobs(), temp.Path);
        var checkpoint = Path.Combine(temp.Path, "c");
        new IngestCheckpoint("jobviews", 5).Save(checkpoint);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            IngestPipeline.RunAsync(new LinkedIn2024Source([temp.Path]), new InMemoryIngestSink(), new IngestOptions { CheckpointPath = checkpoint }));
        Assert.Contains("checkpoint of source 'jobviews', not 'linkedin2024'", e.Message);
    }

    [Fact]
    public void The_generated_LinkedIn_files_read_back_as_the_market_jobs()
    {
        using var temp = new TempFolder();
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 300, Users = 1, Seed = 9 });
        Assert.Equal(300, LinkedIn2024Writer.Write(market.Jobs(), temp.Path));
        var header = File.ReadLines(Path.Combine(temp.Path, "linkedin_job_postings.csv")).First();
        Assert.Equal(string.Join(",", LinkedIn2024Writer.PostingColumns), header.Replace("\"", ""));
        var report = new Reading.ReadReport(5);
        var read = new LinkedIn2024Source([temp.Path]).Read(report).Select(i => i.Job!).ToList();
        Assert.Equal(0, report.Rejected);
        Assert.Equal(300, read.Count);
        var original = market.Jobs().ToList();
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal("li:" + (LinkedIn2024Writer.FirstLinkedInId + i), read[i].Id);
            Assert.Equal(original[i].Title, read[i].Title);
            Assert.Equal(original[i].Company, read[i].Company);
            Assert.Equal(original[i].Description, read[i].Description);
            Assert.Equal(original[i].Skills, read[i].Skills);
            Assert.Equal(original[i].Region, read[i].Region);
            Assert.Equal(original[i].Remote, read[i].Remote);
            Assert.Equal(original[i].Level, read[i].Level);
        }
    }

    private sealed class ListProgress(Action<IngestProgress> action) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => action(value);
    }

    /// <summary>An in-memory sink that fails (as a lost connection would) once it has written a given number of jobs.</summary>
    private sealed class CountingSink(long failAfterJobs) : IIngestSink
    {
        public InMemoryIngestSink Inner { get; } = new();
        public long FailAfterJobs { get; set; } = failAfterJobs;
        public long Writes { get; private set; }

        public async ValueTask<int> UpsertJobsAsync(IReadOnlyList<JobPosting> jobs, CancellationToken cancellationToken = default)
        {
            if (Writes + jobs.Count > FailAfterJobs)
            {
                throw new IOException("connection lost");
            }

            Writes += jobs.Count;
            return await Inner.UpsertJobsAsync(jobs, cancellationToken);
        }

        public ValueTask<int> UpsertUsersAsync(IReadOnlyList<UserProfile> users, CancellationToken cancellationToken = default) => Inner.UpsertUsersAsync(users, cancellationToken);
        public ValueTask<int> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default) => Inner.AddInteractionsAsync(interactions, cancellationToken);
        public ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Occupation> occupations, CancellationToken cancellationToken = default) => Inner.UpsertOccupationsAsync(occupations, cancellationToken);
        public ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Skill> skills, CancellationToken cancellationToken = default) => Inner.UpsertSkillsAsync(skills, cancellationToken);
        public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
