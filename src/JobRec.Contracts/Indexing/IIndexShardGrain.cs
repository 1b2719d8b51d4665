using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Security;

namespace JobRec.Contracts.Indexing;

/// <summary>One shard of the job vector index (internal to the cluster except <see cref="GetStatusAsync"/>) (key = shard number); jobs hash to shards by id; persists its entries and rebuilds its FAISS index from them on activation.</summary>
[Alias("jobrec.IIndexShardGrain")]
public interface IIndexShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the entries (persisted before returning).</summary>
    [InternalGrainMethod]
    Task UpsertAsync([Immutable] IReadOnlyList<ShardEntry> entries);

    /// <summary>Removes the job; returns false when it was not indexed.</summary>
    [InternalGrainMethod]
    Task<bool> RemoveAsync(string jobId);

    /// <summary>The k best open jobs of this shard for the query that pass its filters, best first.</summary>
    [ReadOnly]
    [InternalGrainMethod]
    [return: Immutable]
    Task<IReadOnlyList<ShardHit>> SearchAsync(ShardQuery query);

    /// <summary>The cards of the given jobs of this shard scored against the query (unknown, closed or filtered ids are left out).</summary>
    [ReadOnly]
    [InternalGrainMethod]
    [return: Immutable]
    Task<IReadOnlyList<ShardHit>> LookupAsync([Immutable] IReadOnlyList<string> jobIds, ShardQuery query);

    /// <summary>The stored entries (card and embedding) of those of the given jobs this shard holds, closed or expired ones included.</summary>
    [ReadOnly]
    [InternalGrainMethod]
    [return: Immutable]
    Task<IReadOnlyList<ShardEntry>> GetEntriesAsync([Immutable] IReadOnlyList<string> jobIds);

    /// <summary>Rebuilds the in-memory index from the stored entries (compacting the log); returns the number of jobs indexed.</summary>
    [InternalGrainMethod]
    Task<int> RebuildAsync();

    /// <summary>Size and kind of this shard.</summary>
    [ReadOnly]
    Task<ShardStatus> GetStatusAsync();
}
