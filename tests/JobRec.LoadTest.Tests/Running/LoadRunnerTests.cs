using JobRec.LoadTest.Reports;
using JobRec.LoadTest.Running;
using JobRec.LoadTest.Scenarios;
using JobRec.LoadTest.Targets;

namespace JobRec.LoadTest.Tests.Running;

public sealed class LoadRunnerTests
{
    // Every test drives the runner with a fake clock: waits, bounds and latencies are fake time, so the outcome does not depend on
    // how busy the machine is. The clock moves only in the test, in small steps, until the run completes.

    [Fact]
    public async Task Open_loop_issues_exactly_the_arrivals_its_rate_and_duration_ask_for()
    {
        var time = new ObservedTimeProvider();
        long calls = 0;
        var scenario = new WeightedScenario([new LoadOperation("noop", 1, _ => { Interlocked.Increment(ref calls); return Task.CompletedTask; })]);
        var options = new LoadTestOptions { Mode = LoadMode.Open, RatePerSecond = 200, Duration = TimeSpan.FromSeconds(3) };
        var run = new LoadRunner(scenario, options, time).RunAsync();

        // One arrival every 5 ms from t=0. The clock moves only once the runner has issued every arrival due so far and started
        // waiting for the next (one timer per wait, plus the run's time limit), so no wait is registered against a clock that moved.
        for (var step = 1; step <= 600; step++)
        {
            await FakeClock.UntilAsync(() => Interlocked.Read(ref calls) == step && time.TimersCreated == step + 1, $"arrival {step} of 600 and the wait after it");
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        var result = await FakeClock.DriveAsync(time, run, TimeSpan.FromMilliseconds(5), options);
        Assert.Equal(600, Interlocked.Read(ref calls));
        Assert.Equal(600, result.TotalOps);
        Assert.Equal(200, result.OpsPerSecond, precision: 6);
        Assert.Equal(0, result.TotalErrors);
    }

    [Fact]
    public async Task Open_loop_counts_queueing_from_the_intended_start()
    {
        // One call at a time can be served (100 ms each) while 50/s arrive: latency must grow with the backlog, not stay at 100 ms.
        var time = new ObservedTimeProvider();
        var gate = new SemaphoreSlim(1, 1);
        var scenario = new WeightedScenario([new LoadOperation("slow", 1, async ct =>
        {
            await gate.WaitAsync(ct);
            try { await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct); } finally { gate.Release(); }
        })]);
        var options = new LoadTestOptions { Mode = LoadMode.Open, RatePerSecond = 50, Duration = TimeSpan.FromSeconds(1), GraceTimeout = TimeSpan.FromMilliseconds(700) };
        var result = await FakeClock.DriveAsync(time, new LoadRunner(scenario, options, time).RunAsync(), TimeSpan.FromMilliseconds(1), options);

        Assert.True(result.Overall.Count > 0, "no call finished");
        Assert.True(result.Overall.PercentileMs(0.5) > 300, $"p50 {result.Overall.PercentileMs(0.5)} ms hides the queueing");
        Assert.True(result.CancelledAtGrace > 0);
    }

    [Fact]
    public async Task Closed_loop_stops_at_its_bound_and_cancels_stuck_calls()
    {
        // "stuck" hangs forever once 500 ms (fake time) have passed, so virtual users end up stuck in calls that only the
        // grace-timeout cancellation can end. The test counts the calls it left hanging and checks the runner cancelled them.
        var time = new ObservedTimeProvider();
        var begin = time.GetTimestamp();
        var hung = 0;
        var scenario = new WeightedScenario(
        [
            new LoadOperation("fast", 3, ct => Task.Delay(TimeSpan.FromMilliseconds(1), time, ct)),
            new LoadOperation("stuck", 1, ct =>
            {
                if (time.GetElapsedTime(begin) < TimeSpan.FromMilliseconds(500))
                {
                    return Task.Delay(TimeSpan.FromMilliseconds(1), time, ct);
                }

                Interlocked.Increment(ref hung);
                return Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
            }),
        ]);
        var options = new LoadTestOptions { Users = 4, WarmUp = TimeSpan.FromMilliseconds(200), Duration = TimeSpan.FromSeconds(1), GraceTimeout = TimeSpan.FromMilliseconds(300) };
        var result = await FakeClock.DriveAsync(time, new LoadRunner(scenario, options, time).RunAsync(), TimeSpan.FromMilliseconds(1), options);

        // The run ended (stuck calls did not keep it alive) and not before the bound plus the grace the stuck calls were given.
        Assert.True(time.GetElapsedTime(begin) >= options.WarmUp + options.Duration + options.GraceTimeout, $"the run ended after {time.GetElapsedTime(begin)} of fake time");
        Assert.InRange(hung, 1, 4); // at most one stuck call per user: it never returns
        Assert.Equal(hung, result.CancelledAtGrace); // every one of them, also one issued just as the bound passed
        Assert.Equal(0, result.TotalErrors);
        Assert.True(result.Operations.Single(o => o.Name == "fast").Latency.Count > 0);
    }

    [Fact]
    public async Task Errors_are_counted_by_type_and_violate_the_slo()
    {
        // "bad" fails at once, so its errors do not depend on when the runner's threads get to run; the clock starts moving only once one
        // has failed inside the measured window (the run starts at the clock's start, with no warm-up).
        var time = new ObservedTimeProvider();
        var failures = 0;
        var scenario = new WeightedScenario(
        [
            new LoadOperation("ok", 1, ct => Task.Delay(TimeSpan.FromMilliseconds(1), time, ct)),
            new LoadOperation("bad", 1, _ =>
            {
                Interlocked.Increment(ref failures);
                return Task.FromException(new InvalidOperationException("boom"));
            }),
        ]);
        var options = new LoadTestOptions { Users = 4, WarmUp = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1.5) };
        var run = new LoadRunner(scenario, options, time).RunAsync();
        await FakeClock.UntilAsync(() => Volatile.Read(ref failures) > 0, "the first failing call");
        var result = await FakeClock.DriveAsync(time, run, TimeSpan.FromMilliseconds(1), options);

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
    public void Remote_targets_need_explicit_permission()
    {
        Assert.True(TargetAddress.IsLoopback("127.0.0.1"));
        Assert.True(TargetAddress.IsLoopback("[::1]"));
        Assert.True(TargetAddress.IsLoopback("localhost"));
        var e = Assert.Throws<ArgumentException>(() => TargetAddress.EnsureAllowed("10.1.2.3", allowRemote: false));
        Assert.Contains("10.1.2.3", e.Message);
        TargetAddress.EnsureAllowed("10.1.2.3", allowRemote: true);
    }

    [Fact]
    public void Mix_parsing_names_the_bad_entry()
    {
        Assert.Equal(60, WeightedScenario.ParseMix("recommend=60, search=40")["recommend"]);
        var e = Assert.Throws<FormatException>(() => WeightedScenario.ParseMix("recommend=60,search"));
        Assert.Contains("'search'", e.Message);
    }
}
