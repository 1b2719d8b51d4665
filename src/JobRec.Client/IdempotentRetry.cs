using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace JobRec.Client;

/// <summary>Retries a call that failed because its silo or gateway went away, for calls that are safe to run twice: reads, whole-value
/// puts (PutJob, PutUser), sequenced increments. A call that failed this way may have run, so never wrap a call that adds on each run
/// (RecordInteraction) unless the application deduplicates it. Retries on <see cref="SiloUnavailableException"/>,
/// <see cref="OrleansMessageRejectionException"/>, <see cref="ConnectionFailedException"/> and <see cref="TimeoutException"/> (Orleans moves
/// a dead silo's grains within about 15 s on the cluster's settings), with the delay doubling from <c>firstDelay</c>; other errors
/// (validation, not found) are thrown at once.</summary>
public static class IdempotentRetry
{
    /// <summary>Runs <paramref name="call"/> up to <paramref name="attempts"/> times; rethrows the last failure. The pauses run on
    /// <paramref name="time"/> (the system clock when null).</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, int attempts = 5, TimeSpan? firstDelay = null, CancellationToken cancellationToken = default, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var delay = firstDelay ?? TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < attempts && IsTransient(e))
            {
                await Task.Delay(delay, time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    /// <summary>Runs <paramref name="call"/> up to <paramref name="attempts"/> times; rethrows the last failure. The pauses run on
    /// <paramref name="time"/> (the system clock when null).</summary>
    public static Task RunAsync(Func<Task> call, int attempts = 5, TimeSpan? firstDelay = null, CancellationToken cancellationToken = default, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, attempts, firstDelay, cancellationToken, time);
    }

    /// <summary>Whether <paramref name="e"/> says the call's silo or connection went away (the call may or may not have run).</summary>
    public static bool IsTransient(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or TimeoutException;
}
