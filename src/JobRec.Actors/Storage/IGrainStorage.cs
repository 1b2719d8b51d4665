namespace JobRec.Actors.Storage;

/// <summary>Stores serialized grain state with ETag optimistic concurrency and an epoch fencing token; implementations must be thread-safe.</summary>
public interface IGrainStorage
{
    /// <summary>Returns the stored record for <paramref name="key"/>, or null when none exists.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="data"/> when the stored ETag equals <paramref name="expectedETag"/> (null = no record yet) and the stored epoch is not newer than <paramref name="epoch"/>; returns the new ETag or throws <see cref="InconsistentStateException"/> leaving the stored record unchanged.</summary>
    Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? expectedETag, long epoch, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record under the same ETag and epoch checks as <see cref="WriteAsync"/>.</summary>
    Task ClearAsync(GrainStateKey key, string? expectedETag, long epoch, CancellationToken cancellationToken = default);
}
