namespace JobRec.Actors;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>The grain called DeactivateOnIdle.</summary>
    ApplicationRequested,

    /// <summary>The activation was idle longer than the collection age.</summary>
    IdleCollection,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>The grain's partition is handed over to another silo (its state is persisted first).</summary>
    PartitionHandover,

    /// <summary>The silo lost the grain's partition lease (expired or taken over); state writes are fenced from now on.</summary>
    PartitionLost,
}
