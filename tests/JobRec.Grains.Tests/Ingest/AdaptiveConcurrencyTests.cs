using Orleans.Runtime;
using JobRec.Grains.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace JobRec.Grains.Tests.Ingest;

public sealed class AdaptiveConcurrencyTests
{
    [Fact]
    public async Task Fast_calls_widen_the_gate_and_a_slow_one_halves_it()
    {
        var time = new FakeTimeProvider();
        var gate = new AdaptiveConcurrency(2, 16, TimeSpan.FromMilliseconds(200), time);
        // 40 calls that take no time: the first two fill the gate and hold it until released, so the calls that end find it full and widen it.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 40).Select(_ => gate.RunAsync(async () =>
        {
            await release.Task;
            return 0;
        })).ToList();
        Assert.Equal(2, gate.PeakInFlight);
        release.SetResult();
        await Task.WhenAll(calls);
        Assert.True(gate.Limit > 2, $"limit stayed {gate.Limit}");
        var before = gate.Limit;

        await gate.RunAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(300));
            return Task.FromResult(0);
        });
        Assert.Equal(Math.Max(1, before / 2), gate.Limit);
    }

    [Fact]
    public async Task Slow_calls_ending_within_one_target_period_halve_the_gate_once()
    {
        var time = new FakeTimeProvider();
        var gate = new AdaptiveConcurrency(4, 4, TimeSpan.FromMilliseconds(200), time);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Enumerable.Range(0, 2).Select(_ => gate.RunAsync(async () =>
        {
            await release.Task;
            return 0;
        })).ToList();
        time.Advance(TimeSpan.FromMilliseconds(300));
        release.SetResult();
        await Task.WhenAll(slow);
        Assert.Equal(2, gate.Limit);

        // One target period later a slow call halves it again.
        await gate.RunAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(300));
            return Task.FromResult(0);
        });
        Assert.Equal(1, gate.Limit);
    }

    [Fact]
    public async Task No_more_calls_run_at_once_than_the_limit_allows()
    {
        var gate = new AdaptiveConcurrency(3, 3, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var running = 0;
        var most = 0;
        // The first calls hold their places until three run at once; then every call goes through.
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            if (now == 3)
            {
                full.TrySetResult();
            }

            await full.Task;
            Interlocked.Decrement(ref running);
            return 0;
        })));
        Assert.Equal(3, most);
        Assert.Equal(3, gate.PeakInFlight);
    }

    [Fact]
    public async Task Ingest_retry_retries_timeouts_but_not_other_failures()
    {
        var calls = 0;
        var retries = 0;
        var value = await IngestRetry.RunAsync(() => ++calls < 3 ? throw new TimeoutException("slow") : Task.FromResult(7), () => retries++);
        Assert.Equal(7, value);
        Assert.Equal(2, retries);

        calls = 0;
        await Assert.ThrowsAsync<ArgumentException>(() => IngestRetry.RunAsync<int>(() =>
        {
            calls++;
            throw new ArgumentException("bad posting");
        }));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Ingest_retry_gives_up_once_its_time_budget_is_spent()
    {
        var calls = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(() => IngestRetry.RunAsync<int>(() =>
        {
            calls++;
            throw new SiloUnavailableException("silo gone");
        }, TimeSpan.Zero));
        Assert.Equal(1, calls);
        Assert.True(IngestRetry.IsTransient(new TimeoutException("no answer")));
        Assert.False(IngestRetry.IsTransient(new InvalidOperationException("bad state")));
        // A silo's failure to reach another silo, as the gateway guard passes it back to a client.
        Assert.True(IngestRetry.IsTransient(new JobRec.Contracts.Security.RemoteGrainException(typeof(SiloUnavailableException).FullName!, "silo gone")));
        Assert.False(IngestRetry.IsTransient(new JobRec.Contracts.Security.RemoteGrainException(typeof(InvalidOperationException).FullName!, "bad state")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
