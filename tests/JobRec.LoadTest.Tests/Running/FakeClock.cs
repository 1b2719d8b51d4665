using JobRec.LoadTest.Running;
using Microsoft.Extensions.Time.Testing;

namespace JobRec.LoadTest.Tests.Running;

/// <summary>A <see cref="FakeTimeProvider"/> that records the due time of every timer created on it (Task.Delay and timed cancellations
/// create one), so a test can tell that the code under test has started a wait before it moves the clock past it.</summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _created = [];

    /// <summary>Timers created so far.</summary>
    public int TimersCreated
    {
        get
        {
            lock (_created)
            {
                return _created.Count;
            }
        }
    }

    /// <summary>Whether a timer due after <paramref name="dueTime"/> has been created.</summary>
    public bool HasTimer(TimeSpan dueTime)
    {
        lock (_created)
        {
            return _created.Contains(dueTime);
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_created)
        {
            _created.Add(dueTime); // counted once it is registered, so a test that sees it cannot move the clock under its creation
        }

        return timer;
    }
}

/// <summary>Moves an <see cref="ObservedTimeProvider"/> for a load run under test; real time appears only as a failure guard.</summary>
internal static class FakeClock
{
    /// <summary>How long a test waits in real time for something that should happen at once before it fails.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    /// <summary>Advances the clock (which must have started the run at its <see cref="FakeTimeProvider.Start"/>) by <paramref name="step"/> until <paramref name="run"/> completes, letting the runner's threads take
    /// their turn between steps. Once the clock reaches the run's bound (warm-up + duration) it stays there until the runner has started
    /// its grace-timeout wait, so the grace period is measured from the bound however late the runner's thread got to it.</summary>
    public static async Task<T> DriveAsync<T>(ObservedTimeProvider time, Task<T> run, TimeSpan step, LoadTestOptions options)
    {
        var bound = time.Start + options.WarmUp + options.Duration; // every test starts its run at the clock's start
        var guard = DateTime.UtcNow + Guard;
        while (!run.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < guard, $"the run did not finish after {Guard.TotalSeconds} s of real time");
            var holding = time.GetUtcNow() >= bound && options.GraceTimeout > TimeSpan.Zero && !time.HasTimer(options.GraceTimeout);
            if (!holding)
            {
                time.Advance(step);
            }

            await Task.Yield();
        }

        return await run;
    }

    /// <summary>Waits (in real time, at most <see cref="Guard"/>) until <paramref name="condition"/> holds, without moving the clock.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var guard = DateTime.UtcNow + Guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < guard, $"gave up waiting for {what} after {Guard.TotalSeconds} s");
            await Task.Yield();
        }
    }
}
