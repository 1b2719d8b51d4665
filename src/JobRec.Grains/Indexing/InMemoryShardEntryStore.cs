using System.Collections.Concurrent;
using JobRec.Contracts.Indexing;

namespace JobRec.Grains.Indexing;

/// <summary>Shard entries kept in process memory: survives grain deactivation, not a process restart.</summary>
public sealed class InMemoryShardEntryStore : IShardEntryStore
{
    private readonly ConcurrentDictionary<int, Dictionary<string, ShardEntry>> _shards = new();

    /// <inheritdoc />
    public IReadOnlyList<ShardEntry> Load(int shard)
    {
        var map = _shards.GetOrAdd(shard, _ => []);
        lock (map)
        {
            return map.Values.ToList();
        }
    }

    /// <inheritdoc />
    public void Append(int shard, IReadOnlyList<ShardEntry> entries)
    {
        var map = _shards.GetOrAdd(shard, _ => []);
        lock (map)
        {
            foreach (var e in entries)
            {
                map[e.Job.Id] = e;
            }
        }
    }

    /// <inheritdoc />
    public void Remove(int shard, string jobId)
    {
        var map = _shards.GetOrAdd(shard, _ => []);
        lock (map)
        {
            map.Remove(jobId);
        }
    }

    /// <inheritdoc />
    public void Compact(int shard, IReadOnlyList<ShardEntry> entries)
    {
        var map = new Dictionary<string, ShardEntry>();
        foreach (var e in entries)
        {
            map[e.Job.Id] = e;
        }

        _shards[shard] = map;
    }
}
