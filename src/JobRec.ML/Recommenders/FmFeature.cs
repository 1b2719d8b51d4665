namespace JobRec.ML.Recommenders;

/// <summary>The dense (non-id) features of the recommender's factorization machine, in their slot order after the user and job one-hots.</summary>
public enum FmFeature
{
    /// <summary>1 when the job is in the user's region.</summary>
    RegionMatch = 0,
    /// <summary>Inner product of the job's text embedding with the mean embedding of the user's other history jobs.</summary>
    HistoryTextSimilarity = 1,
    /// <summary>Inner product of the job's text embedding with the user's profile/resume embedding.</summary>
    ProfileTextSimilarity = 2,
    /// <summary>Jaccard overlap of the user's and the job's skills.</summary>
    SkillOverlap = 3,
    /// <summary>1 when the user's target O*NET code equals the job's.</summary>
    OnetMatch = 4,
    /// <summary>ln(1 + distinct users) / ln(1 + the largest count), 0..1.</summary>
    Popularity = 5,
    /// <summary>exp(−days since the job's last interaction or posting / 30), 0..1.</summary>
    Recency = 6,
    /// <summary>Recency weight (newest 1, ×0.7 per step back) of the latest of the user's other history jobs in the job's city, 0 when none.</summary>
    CityMatch = 7,
    /// <summary>Cosine of the job's title TF-IDF with the recency-weighted title TF-IDF of the user's other history jobs.</summary>
    TitleHistorySimilarity = 8,
    /// <summary>Cosine of the job's title TF-IDF with the TF-IDF of the user's profile titles (past positions, positions of interest).</summary>
    TitleProfileSimilarity = 9,
    /// <summary>1 when the job is in the user's profile city.</summary>
    ProfileCityMatch = 10,
}
