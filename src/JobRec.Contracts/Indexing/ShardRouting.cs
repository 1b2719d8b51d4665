namespace JobRec.Contracts.Indexing;

/// <summary>Maps job ids to index shards with a stable hash (FNV-1a), the same on silo and client.</summary>
public static class ShardRouting
{
    /// <summary>Default number of index shards of a silo cluster (shards spread over the silos).</summary>
    public const int DefaultShardCount = 8;

    /// <summary>Default number of index shards of one embedded silo: one index searched by concurrent read-only turns costs less
    /// than a fan-out over several (see docs/BENCHMARKS.md, Serving).</summary>
    public const int EmbeddedShardCount = 1;

    /// <summary>The shard (0..<paramref name="shardCount"/>-1) of a job id.</summary>
    public static int ShardOf(string jobId, int shardCount = DefaultShardCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        uint hash = 2166136261;
        foreach (var c in jobId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % (uint)shardCount);
    }

    /// <summary>The grain key of a shard number.</summary>
    public static string KeyOf(int shard) => shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
