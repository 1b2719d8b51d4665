using System.Globalization;

namespace JobRec.Actors.Storage;

/// <summary>Grain storage in process memory with the same ETag and epoch checks as the durable stores; for tests.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<GrainStateKey, GrainStateRecord> _records = new();
    private long _version;

    /// <summary>The number of stored records.</summary>
    public int Count
    {
        get
        {
            lock (_records)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            return Task.FromResult(_records.TryGetValue(key, out var r) ? r with { Data = r.Data.ToArray() } : null);
        }
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? expectedETag, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            Check(key, expectedETag, epoch);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[key] = new GrainStateRecord(data.ToArray(), etag, epoch);
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(GrainStateKey key, string? expectedETag, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            Check(key, expectedETag, epoch);
            _records.Remove(key);
            return Task.CompletedTask;
        }
    }

    private void Check(GrainStateKey key, string? expectedETag, long epoch)
    {
        _records.TryGetValue(key, out var stored);
        if (stored?.ETag != expectedETag)
        {
            throw new InconsistentStateException(key, expectedETag, stored?.ETag, "the stored version changed since it was read");
        }

        if (stored is not null && stored.Epoch > epoch)
        {
            throw new InconsistentStateException(key, expectedETag, stored.ETag, $"the write carries epoch {epoch} but epoch {stored.Epoch} already wrote it");
        }
    }
}
