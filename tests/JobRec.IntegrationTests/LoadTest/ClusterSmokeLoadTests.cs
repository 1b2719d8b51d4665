using System.Collections.Concurrent;
using System.Text.Json;
using JobRec.Hosting.Local;
using JobRec.Client;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using JobRec.LoadTest.Reports;
using JobRec.LoadTest.Running;
using JobRec.LoadTest.Scenarios;
using JobRec.LoadTest.Targets;
using Xunit.Abstractions;

namespace JobRec.IntegrationTests.LoadTest;

/// <summary>The CI smoke load: two `jobrec silo --cluster` processes on the JOBREC_PG server, a small seeded market, 10 s of mixed load through the client SDK over both gateways.</summary>
public sealed class ClusterSmokeLoadTests(ITestOutputHelper output)
{
    private const string Mix = "recommend=40,search=20,interaction=20,add_job=8,close_job=4,update_profile=8";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ten_seconds_of_mixed_load_through_both_gateways_of_a_two_silo_cluster_completes_without_errors_and_writes_the_reports()
    {
        var connection = Environment.GetEnvironmentVariable("JOBREC_PG");
        Assert.False(string.IsNullOrWhiteSpace(connection),
            "JOBREC_PG is not set: the cluster smoke load needs a real PostgreSQL. Run `eval \"$(deploy/pg-local.sh start)\"` (deploy/test.sh does this) and run the tests again.");
        await using var cluster = await LocalSiloCluster.CreateAsync(connection!);
        await cluster.StartSiloAsync("load-a");
        await cluster.StartSiloAsync("load-b");
        await cluster.WaitForActiveAsync(["load-a", "load-b"], TimeSpan.FromSeconds(60));
        var gateways = cluster.Silos.Select(s => s.Gateway).ToArray();
        var reportDir = Path.Combine(Path.GetTempPath(), "jobrec-smoke-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await using var sdk = await ClientSdkJobRecTarget.ConnectAsync(gateways, allowRemote: false, configure: o => o.ResponseTimeout = CallTimeout);
            var target = new ErrorSamplingTarget(sdk);
            var workload = new JobRecScenario(target, jobs: 300, users: 100);
            await workload.SeedAsync(32, CancellationToken.None);

            // Every operation once through each gateway, with answers that show the serving grains work across both silos.
            foreach (var gateway in gateways)
            {
                await using var client = await JobRecClient.ConnectAsync(gateway, o => o.ResponseTimeout = CallTimeout);
                var ops = client.Operations;
                var recommended = await ops.RecommendAsync(JobRecScenario.UserId(7), 10);
                Assert.NotEmpty(recommended.Jobs);
                var found = await ops.SearchAsync(new SearchRequest("data scientist python", 10));
                Assert.NotEmpty(found.Hits);
                Assert.All(found.Hits, h => Assert.StartsWith("lt-job-", h.Job.Id, StringComparison.Ordinal));
                await ops.RecordInteractionAsync(JobRecScenario.UserId(3), new InteractionInput(JobRecScenario.JobId(5), InteractionKind.Apply));
                Assert.True(await ops.CloseJobAsync(JobRecScenario.JobId(gateway == gateways[0] ? 11 : 12)));
            }

            var options = new LoadTestOptions
            {
                Mode = LoadMode.Closed,
                Users = 8,
                Duration = TimeSpan.FromSeconds(10),
                WarmUp = TimeSpan.FromSeconds(2),
                GraceTimeout = CallTimeout,
            };
            var result = await new LoadRunner(workload.Build(WeightedScenario.ParseMix(Mix)), options).RunAsync(TextWriter.Null);
            var files = LoadTestReport.Write(reportDir, sdk.Description, result, []);
            output.WriteLine($"{result.SummaryLine()}; calls per gateway {string.Join(", ", sdk.CallsPerGateway)}; load average {File.ReadAllText("/proc/loadavg").Trim()}");

            Assert.True(result.TotalErrors == 0, $"{result.TotalErrors} errors: {target.Samples()}");
            Assert.True(result.TotalOps > 0, "no call completed in the measured 10 s");
            Assert.Equal(0, result.CancelledAtGrace);
            Assert.Contains(result.Operations, o => o.Name == "recommend" && o.Successes > 0);
            Assert.All(sdk.CallsPerGateway, n => Assert.True(n > 0, $"a gateway got no calls: {string.Join(", ", sdk.CallsPerGateway)}"));
            Assert.Matches(@"^loadtest: ops=\d+ ops_per_s=[\d.]+ p50_ms=[\d.]+ p99_ms=[\d.]+ errors=0$", result.SummaryLine());
            Assert.Equal(4, files.Count);
            Assert.All(files, f => Assert.True(new FileInfo(f).Length > 100, $"{f} is missing or nearly empty"));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal))));
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            Assert.Contains("<svg", await File.ReadAllTextAsync(files.Single(f => f.EndsWith("percentiles.svg", StringComparison.Ordinal))), StringComparison.Ordinal);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{e.GetType().Name}: {e.Message}\n{cluster.Diagnostics()}", e);
        }
        finally
        {
            if (Directory.Exists(reportDir))
            {
                Directory.Delete(reportDir, recursive: true);
            }
        }
    }

    /// <summary>Passes calls through and keeps the first few error messages, so a failed assertion says what went wrong.</summary>
    private sealed class ErrorSamplingTarget(IJobRecTarget inner) : IJobRecTarget
    {
        private readonly ConcurrentQueue<string> _samples = new();

        public string Description => inner.Description;

        public string Samples() => string.Join(" | ", _samples);

        public Task RecommendAsync(string userId, int k, CancellationToken cancellationToken) => Sample("recommend", inner.RecommendAsync(userId, k, cancellationToken));

        public Task SearchAsync(string query, int k, CancellationToken cancellationToken) => Sample("search", inner.SearchAsync(query, k, cancellationToken));

        public Task RecordInteractionAsync(string userId, InteractionInput interaction, CancellationToken cancellationToken) =>
            Sample("interaction", inner.RecordInteractionAsync(userId, interaction, cancellationToken));

        public Task PutJobAsync(string jobId, Contracts.Jobs.JobInput job, CancellationToken cancellationToken) => Sample("put job", inner.PutJobAsync(jobId, job, cancellationToken));

        public Task CloseJobAsync(string jobId, CancellationToken cancellationToken) => Sample("close job", inner.CloseJobAsync(jobId, cancellationToken));

        public Task PutUserAsync(string userId, Contracts.Users.UserInput profile, CancellationToken cancellationToken) => Sample("put user", inner.PutUserAsync(userId, profile, cancellationToken));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private async Task Sample(string what, Task call)
        {
            try
            {
                await call.ConfigureAwait(false);
            }
            catch (Exception e) when (_samples.Count < 5)
            {
                _samples.Enqueue($"{what}: {e.GetType().Name}: {e.Message}");
                throw;
            }
        }
    }
}
