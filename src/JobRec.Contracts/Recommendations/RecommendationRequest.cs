using Orleans;
namespace JobRec.Contracts.Recommendations;

/// <summary>Asks for a user's top-k jobs; <see cref="K"/> is between 1 and <see cref="ContractLimits.MaxK"/>.</summary>
/// <param name="K">How many jobs to return.</param>
/// <param name="Explain">Whether to attach reasons to each job.</param>
/// <param name="Fresh">Recompute even when a cached answer is still valid (benchmarks, debugging).</param>
[GenerateSerializer, Immutable, Alias("jobrec.RecommendationRequest")]
public sealed record RecommendationRequest(int K = 20, bool Explain = false, bool Fresh = false);
