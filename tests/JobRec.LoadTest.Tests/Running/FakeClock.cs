using Microsoft.Extensions.Time.Testing;

namespace JobRec.LoadTest.Tests.Running;

/// <summary>Moves a <see cref="FakeTimeProvider"/> for a run under test; real time appears only as a failure guard.</summary>
internal static class FakeClock
{
    /// <summary>How long a test waits in real time for something that should happen at once before it fails.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    /// <summary>Advances the clock by <paramref name="step"/> until <paramref name="run"/> completes, letting the runner's threads
    /// take their turn between steps; fails when the run is not done within <see cref="Guard"/> of real time.</summary>
    public static async Task<T> DriveAsync<T>(FakeTimeProvider time, Task<T> run, TimeSpan step)
    {
        var guard = DateTime.UtcNow + Guard;
        while (!run.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < guard, $"the run did not finish after {Guard.TotalSeconds} s of real time");
            time.Advance(step);
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
