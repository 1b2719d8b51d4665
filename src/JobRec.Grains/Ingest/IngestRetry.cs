using JobRec.Contracts.Security;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace JobRec.Grains.Ingest;

/// <summary>Retries an idempotent import call (an upsert by key, an encode) that timed out or whose silo went away: such a call may or
/// may not have run, and running it again leaves the same state. Other failures (validation, unknown ids) are thrown at once.
/// Transient failures are retried for a time budget rather than a number of attempts: when a silo is killed, calls to the grains it held
/// fail until the others declare it dead and the grains activate elsewhere (seconds to tens of seconds, longer on a loaded machine).</summary>
public static class IngestRetry
{
    /// <summary>How long transient failures of one call are retried (from its first attempt) before the last failure is thrown.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMinutes(3);

    /// <summary>The longest wait between two attempts (the wait doubles from 100 ms up to this).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="call"/> until it succeeds, retrying transient failures for <see cref="DefaultBudget"/>.
    /// <paramref name="retried"/> is called once per retry.</summary>
    public static Task<T> RunAsync<T>(Func<Task<T>> call, Action? retried = null, CancellationToken cancellationToken = default) =>
        RunAsync(call, DefaultBudget, retried, cancellationToken);

    /// <summary>Runs <paramref name="call"/> until it succeeds; a transient failure is retried (after 100 ms, doubling up to
    /// <see cref="MaxDelay"/>) while less than <paramref name="budget"/> has passed since the first attempt, else thrown.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan budget, Action? retried = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = Environment.TickCount64;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && TimeSpan.FromMilliseconds(Environment.TickCount64 - started) < budget)
            {
                retried?.Invoke();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    /// <summary>Whether the failure says the call timed out or could not reach its grain or gateway (it may have run): timeouts,
    /// unavailable silos, rejected messages (a dead silo's activation, a gateway gone), a failed connection; also such a failure met by a
    /// grain inside the cluster and passed back to a gateway client as a <see cref="RemoteGrainException"/> naming its type (the
    /// gateway guard hides other exception types from clients).</summary>
    public static bool IsTransient(Exception e) =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException
        || (e is RemoteGrainException r && TransientTypes.Contains(r.ErrorType))
        || (e is AggregateException { InnerExceptions.Count: > 0 } a && a.InnerExceptions.All(IsTransient));

    private static readonly HashSet<string> TransientTypes = new(StringComparer.Ordinal)
    {
        typeof(TimeoutException).FullName!,
        typeof(SiloUnavailableException).FullName!,
        typeof(OrleansMessageRejectionException).FullName!,
        typeof(ConnectionFailedException).FullName!,
        typeof(GatewayTooBusyException).FullName!,
    };
}
