using System.Collections.Concurrent;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Users;
using JobRec.LoadTest.Scenarios;
using JobRec.LoadTest.Targets;

namespace JobRec.LoadTest.Tests.Scenarios;

public sealed class JobRecScenarioTests
{
    [Fact]
    public async Task Seeding_creates_every_job_and_user_once_and_reports_its_rate()
    {
        var target = new RecordingTarget();
        var log = new StringWriter();
        await new JobRecScenario(target, jobs: 50, users: 20).SeedAsync(8, CancellationToken.None, log);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => JobRecScenario.JobId(i)).Order(), target.PutJobs.Order());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => JobRecScenario.UserId(i)).Order(), target.PutUsers.Order());
        Assert.Matches(@"seed: jobs=50 seconds=[\d.]+ per_s=\d+", log.ToString());
        Assert.Matches(@"seed: users=20 seconds=[\d.]+ per_s=\d+", log.ToString());
    }

    [Fact]
    public async Task Close_job_only_names_jobs_that_exist_and_closes_each_added_job_once()
    {
        var target = new RecordingTarget();
        var scenario = new JobRecScenario(target, jobs: 10, users: 5).Build(WeightedScenario.ParseMix("add_job=1,close_job=1"));
        var add = scenario.Operations.Single(o => o.Name == "add_job");
        var close = scenario.Operations.Single(o => o.Name == "close_job");

        await close.Invoke(CancellationToken.None); // nothing added yet: a seeded job
        for (var i = 0; i < 3; i++)
        {
            await add.Invoke(CancellationToken.None);
        }

        for (var i = 0; i < 4; i++)
        {
            await close.Invoke(CancellationToken.None); // the three added ones, then a seeded one again
        }

        var seeded = Enumerable.Range(0, 10).Select(i => JobRecScenario.JobId(i)).ToHashSet();
        var closed = target.ClosedJobs.ToList();
        Assert.Equal(5, closed.Count);
        Assert.Contains(closed[0], seeded);
        Assert.Equal(target.PutJobs.Order(), closed.Skip(1).Take(3).Order());
        Assert.Contains(closed[4], seeded);
    }

    private sealed class RecordingTarget : IJobRecTarget
    {
        private readonly ConcurrentQueue<string> _putJobs = new();
        private readonly ConcurrentQueue<string> _putUsers = new();
        private readonly ConcurrentQueue<string> _closed = new();

        public IEnumerable<string> PutJobs => _putJobs;

        public IEnumerable<string> PutUsers => _putUsers;

        public IEnumerable<string> ClosedJobs => _closed;

        public string Description => "recording";

        public Task RecommendAsync(string userId, int k, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SearchAsync(string query, int k, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RecordInteractionAsync(string userId, InteractionInput interaction, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task PutJobAsync(string jobId, JobInput job, CancellationToken cancellationToken)
        {
            _putJobs.Enqueue(jobId);
            return Task.CompletedTask;
        }

        public Task CloseJobAsync(string jobId, CancellationToken cancellationToken)
        {
            _closed.Enqueue(jobId);
            return Task.CompletedTask;
        }

        public Task PutUserAsync(string userId, UserInput profile, CancellationToken cancellationToken)
        {
            _putUsers.Enqueue(userId);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
