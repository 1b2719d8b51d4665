namespace JobRec.Actors.Runtime;

/// <summary>A grain timer: each due time queues one <see cref="TimerTick"/> into the activation's mailbox, skipping ticks while one is pending.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _cts = new();
    private int _pending;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        Callback = callback;
        _timer = new Timer(_ => OnDue(), null, dueTime, period);
    }

    public Func<CancellationToken, Task> Callback { get; }

    public CancellationToken Cancellation => _cts.Token;

    public bool IsDisposed { get; private set; }

    public void TickDone() => Volatile.Write(ref _pending, 0);

    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        _timer.Dispose();
        _cts.Cancel();
        _activation.RemoveTimer(this);
    }

    private void OnDue()
    {
        if (IsDisposed || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        if (!_activation.TryEnqueue(new TimerTick(this)))
        {
            Dispose();
        }
    }
}
