using System.Diagnostics;
using JobRec.LoadTest.Reports;
using JobRec.LoadTest.Running;
using JobRec.LoadTest.Scenarios;
using JobRec.LoadTest.Targets;

namespace JobRec.LoadTest.Tests.Running;

public sealed class LoadRunnerTests
{
    [Fact]
    public async Task OpenLoopHoldsTheArrivalRateWithinFivePercent()
    {
        long calls = 0;
        var scenario = new WeightedScenario([new LoadOperation("noop", 1, async ct => { Interlocked.Increment(ref calls); await Task.Delay(2, ct); })]);
        var result = await new LoadRunner(scenario, new LoadTestOptions { Mode = LoadMode.Open, RatePerSecond = 200, Duration = TimeSpan.FromSeconds(3) }).RunAsync();

        Assert.InRange(result.OpsPerSecond, 190, 210);
        Assert.InRange(result.TotalOps, 570, 630);
        Assert.Equal(0, result.TotalErrors);
    }

    [Fact]
    public async Task OpenLoopCountsQueueingFromTheIntendedStart()
    {
        // One call at a time can be served (100 ms each) while 50/s arrive: latency must grow with the backlog, not stay at 100 ms.
        var gate = new SemaphoreSlim(1, 1);
        var scenario = new WeightedScenario([new LoadOperation("slow", 1, async ct =>
        {
            await gate.WaitAsync(ct);
            try { await Task.Delay(100, ct); } finally { gate.Release(); }
        })]);
        var result = await new LoadRunner(scenario, new LoadTestOptions { Mode = LoadMode.Open, RatePerSecond = 50, Duration = TimeSpan.FromSeconds(1), GraceTimeout = TimeSpan.FromSeconds(1) }).RunAsync();

        Assert.True(result.Overall.PercentileMs(0.5) > 300, $"p50 {result.Overall.PercentileMs(0.5)} ms hides the queueing");
        Assert.True(result.CancelledAtGrace > 0);
    }

    [Fact]
    public async Task ClosedLoopStopsAtItsBoundAndCancelsStuckCalls()
    {
        // "stuck" hangs forever once 500 ms have passed, so virtual users end up stuck in calls that only the grace-timeout
        // cancellation can end. How many users draw it before the bound depends on the scheduler (a starved thread pool
        // starts or resumes some late), so the test counts the calls it left hanging and checks the runner cancelled them.
        var watch = Stopwatch.StartNew();
        var hung = 0;
        var scenario = new WeightedScenario(
        [
            new LoadOperation("fast", 3, ct => Task.Delay(1, ct)),
            new LoadOperation("stuck", 1, ct =>
            {
                if (watch.Elapsed < TimeSpan.FromMilliseconds(500))
                {
                    return Task.Delay(1, ct);
                }

                Interlocked.Increment(ref hung);
                return Task.Delay(Timeout.Infinite, ct);
            }),
        ]);
        var result = await new LoadRunner(scenario, new LoadTestOptions { Users = 4, WarmUp = TimeSpan.FromMilliseconds(200), Duration = TimeSpan.FromSeconds(1), GraceTimeout = TimeSpan.FromMilliseconds(300) }).RunAsync();
        watch.Stop();

        Assert.InRange(watch.Elapsed.TotalSeconds, 1.2, 3.0);
        Assert.InRange(hung, 1, 4); // at most one stuck call per user: it never returns
        Assert.Equal(hung, result.CancelledAtGrace); // every one of them, also one issued just as the bound passed
        Assert.Equal(0, result.TotalErrors);
        Assert.True(result.Operations.Single(o => o.Name == "fast").Latency.Count > 0);
    }

    [Fact]
    public async Task ErrorsAreCountedByTypeAndViolateTheSlo()
    {
        var scenario = new WeightedScenario(
        [
            new LoadOperation("ok", 1, ct => Task.Delay(1, ct)),
            new LoadOperation("bad", 1, _ => Task.FromException(new InvalidOperationException("boom"))),
        ]);
        var result = await new LoadRunner(scenario, new LoadTestOptions { Users = 4, Duration = TimeSpan.FromSeconds(1.5) }).RunAsync();

        var bad = result.Operations.Single(o => o.Name == "bad");
        Assert.True(bad.ErrorsByType.GetValueOrDefault("InvalidOperationException") > 0, $"bad: {bad.Latency.Count} calls, errors {string.Join(",", bad.ErrorsByType)}");
        Assert.Equal(SloPolicy.ViolationExitCode, new SloPolicy(null, 0.01).ExitCode(result));
        Assert.Equal(0, new SloPolicy(null, 1.0).ExitCode(result));
        Assert.Equal(SloPolicy.ViolationExitCode, new SloPolicy(0.0001, null).ExitCode(result));
        Assert.Equal(0, new SloPolicy(10_000, null).ExitCode(result));
        Assert.StartsWith("loadtest: ops=", result.SummaryLine());

        var dir = Path.Combine(Path.GetTempPath(), "jobrec-lt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = LoadTestReport.Write(dir, "test", result, new SloPolicy(null, 0.01).Violations(result));
            Assert.Contains("\"ops\"", File.ReadAllText(files[0]));
            Assert.Contains("| bad |", File.ReadAllText(files[1]));
            Assert.StartsWith("<svg", File.ReadAllText(files[2]).TrimStart());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void RemoteTargetsNeedExplicitPermission()
    {
        Assert.True(TargetAddress.IsLoopback("127.0.0.1"));
        Assert.True(TargetAddress.IsLoopback("[::1]"));
        Assert.True(TargetAddress.IsLoopback("localhost"));
        var e = Assert.Throws<ArgumentException>(() => TargetAddress.EnsureAllowed("10.1.2.3", allowRemote: false));
        Assert.Contains("10.1.2.3", e.Message);
        TargetAddress.EnsureAllowed("10.1.2.3", allowRemote: true);
    }

    [Fact]
    public void MixParsingNamesTheBadEntry()
    {
        Assert.Equal(60, WeightedScenario.ParseMix("recommend=60, search=40")["recommend"]);
        var e = Assert.Throws<FormatException>(() => WeightedScenario.ParseMix("recommend=60,search"));
        Assert.Contains("'search'", e.Message);
    }
}
