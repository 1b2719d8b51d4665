namespace JobRec.Actors.Runtime;

/// <summary>A pending call the timeout wheel fails when its deadline passes.</summary>
internal interface ITimeoutTarget
{
    /// <summary>Deadline in Environment.TickCount64 milliseconds.</summary>
    long DeadlineMs { get; }

    /// <summary>Whether the call already completed (the wheel then forgets it).</summary>
    bool IsDone { get; }

    /// <summary>Fails the call with a timeout.</summary>
    void OnTimeout();
}
