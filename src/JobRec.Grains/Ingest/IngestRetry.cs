using Orleans.Runtime;

namespace JobRec.Grains.Ingest;

/// <summary>Retries an idempotent import call (an upsert by key, an encode) that timed out or whose silo went away: such a call may or
/// may not have run, and running it again leaves the same state. Other failures (validation, unknown ids) are thrown at once.</summary>
public static class IngestRetry
{
    /// <summary>Attempts per call before the last failure is thrown.</summary>
    public const int Attempts = 6;

    /// <summary>Runs <paramref name="call"/> until it succeeds or <see cref="Attempts"/> transient failures; the delay doubles from 100 ms.
    /// <paramref name="retried"/> is called once per retry.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, Action? retried = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && IsTransient(e))
            {
                retried?.Invoke();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    /// <summary>Whether the failure says the call timed out or could not reach its grain (it may have run).</summary>
    public static bool IsTransient(Exception e) =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;
}
