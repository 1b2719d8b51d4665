using Orleans;
using JobRec.Contracts.Search;

namespace JobRec.Contracts.Indexing;

/// <summary>A nearest-neighbour query to one shard.</summary>
/// <param name="Vector">Query embedding (same dimension as the shard).</param>
/// <param name="K">How many hits to return.</param>
/// <param name="Filters">Filters every hit must pass; null does not filter.</param>
/// <param name="Exclude">Job ids never returned (already applied, the query job itself).</param>
/// <param name="ScoringVectors">Extra vectors each hit is also compared with (e.g. resume and history embeddings).</param>
[GenerateSerializer, Immutable, Alias("jobrec.ShardQuery")]
public sealed record ShardQuery(float[] Vector, int K, SearchFilters? Filters = null, IReadOnlyList<string>? Exclude = null,
    IReadOnlyList<float[]>? ScoringVectors = null);
