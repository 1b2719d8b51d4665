namespace JobRec.ML.Recommenders;

/// <summary>Raw inputs of one (user, job) pair for the factorization machine; serving code fills these from grain state.</summary>
/// <param name="User">The user's catalog index, or −1 for a user unknown at training time.</param>
/// <param name="Job">The job's catalog index, or −1 for a job unknown at training time.</param>
/// <param name="RegionMatch">True when the job is in the user's region.</param>
/// <param name="HistoryTextSimilarity">Job embedding · mean embedding of the user's history jobs.</param>
/// <param name="ProfileTextSimilarity">Job embedding · user profile embedding.</param>
/// <param name="SkillOverlap">Jaccard overlap of skills, 0..1.</param>
/// <param name="OnetMatch">True when the O*NET codes match.</param>
/// <param name="Popularity">Normalised popularity, 0..1.</param>
/// <param name="Recency">Recency, 0..1.</param>
public readonly record struct FmFeatureInputs(int User, int Job, bool RegionMatch, float HistoryTextSimilarity, float ProfileTextSimilarity,
    float SkillOverlap, bool OnetMatch, float Popularity, float Recency);
