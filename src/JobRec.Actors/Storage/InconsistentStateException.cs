namespace JobRec.Actors.Storage;

/// <summary>Thrown when a state write or clear is rejected because storage holds another ETag or a newer epoch; the stored state is kept.</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception naming the state, the ETag the writer expected and the one stored.</summary>
    public InconsistentStateException(GrainStateKey key, string? expectedETag, string? storedETag, string detail)
        : base($"Optimistic concurrency conflict on grain state '{key}': {detail} (expected ETag '{expectedETag ?? "<none>"}', stored ETag '{storedETag ?? "<none>"}'); the stored state was kept.")
    {
        Key = key;
        ExpectedETag = expectedETag;
        StoredETag = storedETag;
    }

    /// <summary>The state whose write was rejected.</summary>
    public GrainStateKey Key { get; }

    /// <summary>The ETag the writer expected.</summary>
    public string? ExpectedETag { get; }

    /// <summary>The ETag found in storage (null when no record exists).</summary>
    public string? StoredETag { get; }
}
