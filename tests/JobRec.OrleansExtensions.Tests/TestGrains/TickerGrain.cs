using Orleans;

namespace JobRec.OrleansExtensions.Tests.TestGrains;

/// <summary>A grain timer (RegisterGrainTimer, as IndexShardGrain and PopularityGrain use) whose ticks must never overlap a call.</summary>
public sealed class TickerGrain : Grain, ITickerGrain
{
    private int _ticks;
    private bool _inTurn;
    private bool _overlapped;
    private IDisposable? _timer;

    public Task Start(int periodMs)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(async _ =>
        {
            _overlapped |= _inTurn;
            _inTurn = true;
            _ticks++;
            await Task.Yield();
            _inTurn = false;
        }, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        return Task.CompletedTask;
    }

    public async Task<TickerStats> Read(int busyMs)
    {
        _overlapped |= _inTurn;
        _inTurn = true;
        await Task.Delay(busyMs);
        _inTurn = false;
        return new TickerStats(_ticks, _overlapped);
    }
}
