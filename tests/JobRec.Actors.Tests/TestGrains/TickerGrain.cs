namespace JobRec.Actors.Tests.TestGrains;

/// <summary>A grain timer whose ticks must never overlap a message turn.</summary>
public sealed class TickerGrain : Grain, ITickerGrain
{
    private int _ticks;
    private bool _inTurn;
    private bool _overlapped;
    private IDisposable? _timer;

    public Task Start(int periodMs)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(async _ =>
        {
            _overlapped |= _inTurn;
            _inTurn = true;
            _ticks++;
            await Task.Yield();
            _inTurn = false;
        }, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        return Task.CompletedTask;
    }

    public async Task<(int Ticks, bool Overlapped)> Read(int busyMs)
    {
        _overlapped |= _inTurn;
        _inTurn = true;
        await Task.Delay(busyMs);
        _inTurn = false;
        return (_ticks, _overlapped);
    }
}
