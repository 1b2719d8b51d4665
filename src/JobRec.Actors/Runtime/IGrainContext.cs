namespace JobRec.Actors.Runtime;

/// <summary>What a grain instance sees of its activation.</summary>
internal interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider Services { get; }

    void RequestDeactivation(DeactivationReason reason);

    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);
}
