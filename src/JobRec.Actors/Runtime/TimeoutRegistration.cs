namespace JobRec.Actors.Runtime;

/// <summary>The timeout wheel's reference to one pending call. The call clears it when it completes, so the wheel does not keep a
/// finished call's arguments and result alive until the deadline comes round (at thousands of calls a second that kept whole
/// requests for the full response timeout and promoted them to the oldest generation).</summary>
internal sealed class TimeoutRegistration
{
    private ITimeoutTarget? _target;

    public TimeoutRegistration(ITimeoutTarget target)
    {
        _target = target;
        DeadlineMs = target.DeadlineMs;
    }

    /// <summary>The call's deadline in Environment.TickCount64 milliseconds.</summary>
    public long DeadlineMs { get; }

    /// <summary>The pending call, or null once it completed.</summary>
    public ITimeoutTarget? Target => Volatile.Read(ref _target);

    /// <summary>Forgets the call (it completed).</summary>
    public void Clear() => Volatile.Write(ref _target, null);
}
