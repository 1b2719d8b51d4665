using JobRec.Contracts.Indexing;

namespace JobRec.Grains.Indexing;

/// <summary>Durable storage of index shard entries, from which a shard restores its vector index on activation.</summary>
public interface IShardEntryStore
{
    /// <summary>Every live entry of the shard, last write per job wins.</summary>
    IReadOnlyList<ShardEntry> Load(int shard);

    /// <summary>Durably records upserts of the entries.</summary>
    void Append(int shard, IReadOnlyList<ShardEntry> entries);

    /// <summary>Durably records the removal of a job.</summary>
    void Remove(int shard, string jobId);

    /// <summary>Replaces what is stored for the shard with exactly these entries.</summary>
    void Compact(int shard, IReadOnlyList<ShardEntry> entries);

    /// <summary><see cref="Append"/> without holding a thread while the store waits on I/O (a database round trip): a shard grain's
    /// write turn awaits it, so the silo's few thread-pool threads keep serving other grains. Defaults to the synchronous call.</summary>
    Task AppendAsync(int shard, IReadOnlyList<ShardEntry> entries)
    {
        Append(shard, entries);
        return Task.CompletedTask;
    }

    /// <summary><see cref="Remove"/> without holding a thread while the store waits on I/O. Defaults to the synchronous call.</summary>
    Task RemoveAsync(int shard, string jobId)
    {
        Remove(shard, jobId);
        return Task.CompletedTask;
    }
}
