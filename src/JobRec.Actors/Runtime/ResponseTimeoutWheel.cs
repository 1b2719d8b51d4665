using System.Collections.Concurrent;

namespace JobRec.Actors.Runtime;

/// <summary>A hashed timing wheel that fails pending calls past their deadline; one queue append per call instead of a timer per call.</summary>
internal sealed class ResponseTimeoutWheel : IDisposable
{
    private const int SlotCount = 64;
    private readonly long _resolutionMs;
    private readonly ConcurrentQueue<ITimeoutTarget>[] _slots;
    private readonly Timer _timer;
    private readonly object _tickGate = new();
    private long _lastTick;

    public ResponseTimeoutWheel(TimeSpan resolution)
    {
        _resolutionMs = Math.Max(1, (long)resolution.TotalMilliseconds);
        _slots = Enumerable.Range(0, SlotCount).Select(_ => new ConcurrentQueue<ITimeoutTarget>()).ToArray();
        _lastTick = Environment.TickCount64 / _resolutionMs;
        _timer = new Timer(_ => Tick(), null, resolution, resolution);
    }

    public void Register(ITimeoutTarget target) => _slots[(int)(target.DeadlineMs / _resolutionMs % SlotCount)].Enqueue(target);

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
                for (var n = slot.Count; n > 0 && slot.TryDequeue(out var target); n--)
                {
                    if (target.IsDone)
                    {
                        continue;
                    }

                    if (target.DeadlineMs <= now)
                    {
                        target.OnTimeout();
                    }
                    else
                    {
                        Register(target);
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
