using System.Collections.Concurrent;

namespace JobRec.Actors.Runtime;

/// <summary>A hashed timing wheel that fails pending calls past their deadline; one queue append per call instead of a timer per call.</summary>
internal sealed class ResponseTimeoutWheel : IDisposable
{
    private const int SlotCount = 64;
    private readonly long _resolutionMs;
    private readonly ConcurrentQueue<TimeoutRegistration>[] _slots;
    private readonly Timer _timer;
    private readonly object _tickGate = new();
    private long _lastTick;

    public ResponseTimeoutWheel(TimeSpan resolution)
    {
        _resolutionMs = Math.Max(1, (long)resolution.TotalMilliseconds);
        _slots = Enumerable.Range(0, SlotCount).Select(_ => new ConcurrentQueue<TimeoutRegistration>()).ToArray();
        _lastTick = Environment.TickCount64 / _resolutionMs;
        _timer = new Timer(_ => Tick(), null, resolution, resolution);
    }

    /// <summary>Watches a pending call until its deadline; the call clears the returned entry when it completes.</summary>
    public TimeoutRegistration Register(ITimeoutTarget target)
    {
        var registration = new TimeoutRegistration(target);
        Enqueue(registration);
        return registration;
    }

    private void Enqueue(TimeoutRegistration registration) => _slots[(int)(registration.DeadlineMs / _resolutionMs % SlotCount)].Enqueue(registration);

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        if (!Monitor.TryEnter(_tickGate))
        {
            return;
        }

        try
        {
            var now = Environment.TickCount64;
            var current = now / _resolutionMs;
            var from = Math.Max(_lastTick, current - SlotCount + 1);
            for (var tick = from; tick <= current; tick++)
            {
                var slot = _slots[(int)(tick % SlotCount)];
                for (var n = slot.Count; n > 0 && slot.TryDequeue(out var registration); n--)
                {
                    if (registration.Target is not { IsDone: false } target)
                    {
                        continue;
                    }

                    if (registration.DeadlineMs <= now)
                    {
                        target.OnTimeout();
                    }
                    else
                    {
                        Enqueue(registration);
                    }
                }
            }

            _lastTick = current;
        }
        finally
        {
            Monitor.Exit(_tickGate);
        }
    }
}
