using System.Threading.RateLimiting;
using JobRec.Contracts;

namespace JobRec.Grains.Hosting;

/// <summary>
/// Bounds how many recommends and searches one silo computes at once. The others wait their turn in arrival order, and past the queue
/// limit a request is refused with <see cref="ServingOverloadedException"/> instead of queueing without end. On a few cores, computing
/// a hundred requests interleaved gives no more throughput than computing a few at a time: it only keeps a hundred requests' garbage
/// alive at every collection, mixes their working sets in the caches and spreads their latencies (docs/BENCHMARKS.md, Serving).
/// </summary>
public sealed class ServingAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly int _queueLimit;

    /// <summary>A gate of <paramref name="maxConcurrent"/> permits and a queue of at most <paramref name="queueLimit"/> waiters.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxConcurrent"/> is below 1 or <paramref name="queueLimit"/> below 0.</exception>
    public ServingAdmission(int maxConcurrent, int queueLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        MaxConcurrent = maxConcurrent;
        _queueLimit = queueLimit;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = maxConcurrent,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Requests computed at once.</summary>
    public int MaxConcurrent { get; }

    /// <summary>Requests being computed now.</summary>
    public int Running => MaxConcurrent - (int)(_limiter.GetStatistics()?.CurrentAvailablePermits ?? MaxConcurrent);

    /// <summary>Requests waiting for their turn now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for a turn; dispose the lease when the request is done.</summary>
    /// <exception cref="ServingOverloadedException">The queue is full.</exception>
    public async ValueTask<RateLimitLease> EnterAsync(string operation, CancellationToken cancellationToken = default)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new ServingOverloadedException(operation, _queueLimit);
        }

        return lease;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
