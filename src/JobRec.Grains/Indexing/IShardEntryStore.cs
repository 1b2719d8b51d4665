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
}
