using Orleans;
namespace JobRec.Contracts.Recommendations;

/// <summary>A user's ranked recommendations, best first.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Jobs">At most k jobs, best first.</param>
/// <param name="FromCache">True when served from the user grain's cache.</param>
/// <param name="CandidateCount">How many distinct candidates were ranked.</param>
[GenerateSerializer, Immutable, Alias("jobrec.RecommendationList")]
public sealed record RecommendationList(string UserId, IReadOnlyList<RecommendedJob> Jobs, bool FromCache, int CandidateCount);
