namespace JobRec.Grains.Ingest;

/// <summary>
/// An async gate whose width follows the latency of the calls it admits (additive increase, multiplicative decrease): while calls
/// finish within half of <see cref="TargetLatency"/> one more may run at once, a call slower than the target halves the width (at most
/// once per target period). Callers queue in arrival order. An importer sizes its concurrency to what the silo actually serves this
/// way: a slow encoder or shard makes it send less at once, so no call waits in a queue long enough to hit the grain-call timeout.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class AdaptiveConcurrency
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private readonly int _max;
    private readonly TimeProvider _time;
    private int _limit;
    private int _inFlight;
    private long? _lastDecrease;

    /// <summary>Starts at <paramref name="initial"/> calls at once, never above <paramref name="max"/> nor below 1; call latency is measured
    /// on <paramref name="timeProvider"/> (the system clock when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">initial or max below 1, initial above max, or a target of zero or less.</exception>
    public AdaptiveConcurrency(int initial, int max, TimeSpan targetLatency, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetLatency, TimeSpan.Zero);
        _limit = initial;
        _max = max;
        TargetLatency = targetLatency;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The latency a call should stay under.</summary>
    public TimeSpan TargetLatency { get; }

    /// <summary>How many calls may run at once now.</summary>
    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    /// <summary>The most calls that ran at once so far.</summary>
    public int PeakInFlight { get; private set; }

    /// <summary>Runs <paramref name="call"/> once a place is free and adapts the width to how long it took (a failure counts as slow
    /// when it took longer than the target, e.g. a timeout).</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Exit(_time.GetElapsedTime(started));
        }
    }

    private Task EnterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inFlight < _limit && _waiting.Count == 0)
            {
                _inFlight++;
                PeakInFlight = Math.Max(PeakInFlight, _inFlight);
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                // A cancelled waiter stays queued; Release skips it (its place goes to the next one).
                cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
            }

            return waiter.Task;
        }
    }

    private void Exit(TimeSpan latency)
    {
        lock (_gate)
        {
            _inFlight--;
            var now = _time.GetTimestamp();
            if (latency > TargetLatency)
            {
                if (_lastDecrease is not { } last || _time.GetElapsedTime(last, now) >= TargetLatency)
                {
                    _limit = Math.Max(1, _limit / 2);
                    _lastDecrease = now;
                }
            }
            else if (latency < TargetLatency / 2 && _limit < _max && _inFlight + 1 >= _limit)
            {
                _limit++; // only grow while the width is used: an idle gate stays where it was
            }

            while (_inFlight < _limit && _waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    _inFlight++;
                    PeakInFlight = Math.Max(PeakInFlight, _inFlight);
                }
            }
        }
    }
}
