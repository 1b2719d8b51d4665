namespace JobRec.Actors.Invocation;

/// <summary>The awaitable shape a grain method returns.</summary>
public enum GrainMethodReturnKind
{
    /// <summary>Task.</summary>
    Task,

    /// <summary>Task{T}.</summary>
    TaskOfT,

    /// <summary>ValueTask.</summary>
    ValueTask,

    /// <summary>ValueTask{T}.</summary>
    ValueTaskOfT,
}
