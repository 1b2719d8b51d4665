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
/// <remarks>The title and city inputs are init-only so that callers that do not know them (older serving code) leave them 0.</remarks>
public readonly record struct FmFeatureInputs(int User, int Job, bool RegionMatch, float HistoryTextSimilarity, float ProfileTextSimilarity,
    float SkillOverlap, bool OnetMatch, float Popularity, float Recency)
{
    /// <summary>Recency weight of the latest other history job in the job's city (0..1; 0 when none or unknown).</summary>
    public float CityMatch { get; init; }

    /// <summary>Title TF-IDF cosine with the user's other history titles (recency-weighted), 0..1.</summary>
    public float TitleHistorySimilarity { get; init; }

    /// <summary>Title TF-IDF cosine with the user's profile titles, 0..1.</summary>
    public float TitleProfileSimilarity { get; init; }

    /// <summary>True when the job is in the user's profile city.</summary>
    public bool ProfileCityMatch { get; init; }
}
