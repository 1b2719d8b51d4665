using Orleans;
using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Recommendations;

/// <summary>One recommended job with its final score, the candidate sources that produced it and, when asked, human-readable reasons.</summary>
/// <param name="Job">The job's list fields.</param>
/// <param name="Score">Final ranking score (higher is better).</param>
/// <param name="Sources">Which candidate generators found it ("semantic", "co-interaction", "popular").</param>
/// <param name="Reasons">Reasons such as "matches your skills: sql, python"; empty unless explain was asked.</param>
[GenerateSerializer, Immutable, Alias("jobrec.RecommendedJob")]
public sealed record RecommendedJob(JobSummary Job, float Score, IReadOnlyList<string> Sources, IReadOnlyList<string> Reasons);
