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
    float SkillOverlap, bool OnetMatch, float Popularity, float Recency)
{
    /// <summary>Recency weight (newest 1, x0.7 per step back) of the user's latest recent job in the job's city; 0 when none.</summary>
    [Id(9)]
    public float CityMatch { get; init; }

    /// <summary>Title TF-IDF cosine of the job with the user's recency-weighted recent job titles.</summary>
    [Id(10)]
    public float TitleHistorySimilarity { get; init; }

    /// <summary>Title TF-IDF cosine of the job with the user's profile titles (past and wanted positions).</summary>
    [Id(11)]
    public float TitleProfileSimilarity { get; init; }

    /// <summary>True when the job is in the user's profile location (same "City, ST").</summary>
    [Id(12)]
    public bool ProfileCityMatch { get; init; }
}
