using Orleans;
namespace JobRec.Contracts.Search;

/// <summary>A free-text job search: query text (1..<see cref="ContractLimits.MaxQueryLength"/> characters), k in 1..<see cref="ContractLimits.MaxK"/>, optional filters.</summary>
/// <param name="Query">What the user typed.</param>
/// <param name="K">How many jobs to return.</param>
/// <param name="Filters">Optional filters; null does not filter.</param>
[GenerateSerializer, Immutable, Alias("jobrec.SearchRequest")]
public sealed record SearchRequest(string Query, int K = 20, SearchFilters? Filters = null);
