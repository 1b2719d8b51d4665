using Orleans;
namespace JobRec.Contracts.Inference;

/// <summary>Features of one (user, candidate job) pair for the factorization-machine scorer (a value: a recommend builds one per candidate).</summary>
/// <param name="UserId">The user.</param>
/// <param name="JobId">The candidate job.</param>
/// <param name="RegionMatch">Job in the user's region.</param>
/// <param name="HistoryTextSimilarity">Job embedding · mean embedding of the user's recent jobs.</param>
/// <param name="ProfileTextSimilarity">Job embedding · resume embedding.</param>
/// <param name="SkillOverlap">Jaccard overlap of skills.</param>
/// <param name="OnetMatch">Same O*NET code as one of the user's recent jobs.</param>
/// <param name="Popularity">Normalised popularity 0..1.</param>
/// <param name="Recency">Recency 0..1.</param>
[GenerateSerializer, Immutable, Alias("jobrec.CandidateFeatures")]
public readonly record struct CandidateFeatures(string UserId, string JobId, bool RegionMatch, float HistoryTextSimilarity, float ProfileTextSimilarity,
    float SkillOverlap, bool OnetMatch, float Popularity, float Recency);
