using Orleans;
namespace JobRec.Contracts.Search;

/// <summary>Search results, best first.</summary>
/// <param name="Query">The query as searched.</param>
/// <param name="Hits">At most k hits, best first.</param>
/// <param name="ShardsSearched">How many index shards answered.</param>
[GenerateSerializer, Immutable, Alias("jobrec.SearchResponse")]
public sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Hits, int ShardsSearched);
