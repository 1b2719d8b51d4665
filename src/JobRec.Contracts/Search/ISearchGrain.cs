using Orleans;
using Orleans.Concurrency;

namespace JobRec.Contracts.Search;

/// <summary>Stateless entry point for free-text search: encodes the query, fans out to every index shard, merges the top-k.</summary>
[Alias("jobrec.ISearchGrain")]
public interface ISearchGrain : IGrainWithStringKey
{
    /// <summary>Searches all shards; throws <see cref="ArgumentException"/> for an empty query or k out of bounds. Read-only: the
    /// grain holds no state, so calls run side by side and wait only at the silo's admission gate.</summary>
    [ReadOnly]
    Task<SearchResponse> SearchAsync(SearchRequest request);

    /// <summary>Jobs most similar to the given job (the job itself excluded), best first.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [ReadOnly]
    Task<SearchResponse> SimilarJobsAsync(string jobId, int k);
}
