namespace JobRec.Actors.Runtime;

/// <summary>A call's completion that the timeout wheel fails at its deadline and lets go of as soon as it completes. Complete it only
/// through these TrySet methods (they hide the base ones), which release the wheel's reference.</summary>
internal abstract class PendingResponse : TaskCompletionSource<object?>, ITimeoutTarget
{
    private TimeoutRegistration? _registration;

    protected PendingResponse(TimeSpan timeout, TaskCreationOptions options = TaskCreationOptions.None)
        : base(options)
    {
        Timeout = timeout;
        DeadlineMs = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
    }

    /// <summary>How long the caller waits.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public long DeadlineMs { get; }

    /// <inheritdoc />
    public bool IsDone => Task.IsCompleted;

    /// <summary>The wheel's entry for this call; set once, right after registering.</summary>
    public TimeoutRegistration? Registration
    {
        set
        {
            // A full fence between this write and the completion check: a completion racing with it either sees the entry or is seen here.
            Interlocked.Exchange(ref _registration, value);
            if (Task.IsCompleted)
            {
                value?.Clear(); // completed before the entry was handed over
            }
        }
    }

    /// <inheritdoc />
    public abstract void OnTimeout();

    /// <summary>Completes the call with a result.</summary>
    public new bool TrySetResult(object? result) => Released(base.TrySetResult(result));

    /// <summary>Fails the call.</summary>
    public new bool TrySetException(Exception exception) => Released(base.TrySetException(exception));

    /// <summary>Cancels the call.</summary>
    public new bool TrySetCanceled() => Released(base.TrySetCanceled());

    private bool Released(bool completed)
    {
        Volatile.Read(ref _registration)?.Clear();
        return completed;
    }
}
