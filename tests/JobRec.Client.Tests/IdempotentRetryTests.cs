using JobRec.Client;
using JobRec.Contracts;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace JobRec.Client.Tests;

/// <summary>The retry policy for calls that are safe to run twice: which failures it retries, how often and how long it pauses.</summary>
public sealed class IdempotentRetryTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_call_that_fails_while_its_silo_is_away_is_retried_until_it_answers()
    {
        var calls = 0;
        var result = await IdempotentRetry.RunAsync(() => ++calls < 3 ? throw new SiloUnavailableException("gone") : Task.FromResult("ok"), attempts: 5, firstDelay: TimeSpan.Zero);
        Assert.Equal("ok", result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_validation_error_is_thrown_at_once()
    {
        var calls = 0;
        await Assert.ThrowsAsync<ContractValidationException>(() => IdempotentRetry.RunAsync(() =>
        {
            calls++;
            return Task.FromException<int>(new ContractValidationException("k", "is 0"));
        }, attempts: 5, firstDelay: TimeSpan.Zero));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_last_transient_failure_is_rethrown_after_the_last_attempt()
    {
        var calls = 0;
        var e = await Assert.ThrowsAsync<TimeoutException>(() => IdempotentRetry.RunAsync(() =>
        {
            calls++;
            return Task.FromException(new TimeoutException($"attempt {calls}"));
        }, attempts: 4, firstDelay: TimeSpan.Zero));
        Assert.Equal(4, calls);
        Assert.Equal("attempt 4", e.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => IdempotentRetry.RunAsync(() => Task.FromResult(1), attempts: 0));
    }

    [Fact]
    public async Task The_pause_doubles_from_the_first_delay()
    {
        // On a fake clock: each retry starts only once the clock has moved by the current pause (1 s, then 2 s, then 4 s). The clock moves
        // only after the policy has started its pause (a timer was created), so the pause cannot start against a clock that moved.
        var time = new TimerCountingTimeProvider();
        var calls = 0;
        var run = IdempotentRetry.RunAsync(() =>
        {
            Interlocked.Increment(ref calls);
            return Volatile.Read(ref calls) < 4 ? Task.FromException<int>(new SiloUnavailableException("gone")) : Task.FromResult(4);
        }, attempts: 4, firstDelay: TimeSpan.FromSeconds(1), time: time);

        var pauses = 0;
        foreach (var pause in new[] { 1, 2, 4 })
        {
            pauses++;
            await UntilAsync(() => time.TimersCreated == pauses, $"pause {pauses} started");
            Assert.Equal(pauses, Volatile.Read(ref calls));
            time.Advance(TimeSpan.FromSeconds(pause) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(pauses, Volatile.Read(ref calls)); // not yet: the pause has not passed
            time.Advance(TimeSpan.FromMilliseconds(1));
            await UntilAsync(() => Volatile.Read(ref calls) == pauses + 1, $"the retry after a {pause} s pause");
        }

        Assert.Equal(4, await run.WaitAsync(Guard));
        Assert.Equal(3, time.TimersCreated);
    }

    [Fact]
    public async Task Cancellation_ends_the_pause()
    {
        var time = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();
        var run = IdempotentRetry.RunAsync(() => Task.FromException<int>(new SiloUnavailableException("gone")), attempts: 3, firstDelay: TimeSpan.FromHours(1),
            cancellationToken: cancel.Token, time: time);
        Assert.False(run.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Guard));
    }

    [Fact]
    public void Only_failures_that_say_the_silo_or_connection_went_away_are_transient()
    {
        Assert.True(IdempotentRetry.IsTransient(new SiloUnavailableException("x")));
        Assert.True(IdempotentRetry.IsTransient(new Orleans.Runtime.Messaging.ConnectionFailedException("x")));
        Assert.True(IdempotentRetry.IsTransient(new TimeoutException()));
        Assert.False(IdempotentRetry.IsTransient(new ContractValidationException("k", "is 0")));
        Assert.False(IdempotentRetry.IsTransient(new InvalidOperationException()));
        Assert.False(IdempotentRetry.IsTransient(new KeyNotFoundException()));
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting for {what}");
            await Task.Yield();
        }
    }

    /// <summary>Counts the timers created on it (each pause of the policy creates one), once they are registered.</summary>
    private sealed class TimerCountingTimeProvider : FakeTimeProvider
    {
        private int _created;

        public int TimersCreated => Volatile.Read(ref _created);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _created);
            return timer;
        }
    }
}
