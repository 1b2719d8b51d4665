namespace JobRec.ML.Recommenders;

/// <summary>Maps (user, job, dense features) onto the factorization machine's sparse input: user one-hot, job one-hot, dense slots.</summary>
public sealed class FmFeatureLayout(int users, int jobs, bool useText)
{
    /// <summary>Number of dense slots after the one-hots.</summary>
    public const int DenseCount = 11;

    /// <summary>Most non-zero features one input can have.</summary>
    public const int MaxNonZeros = 2 + DenseCount;

    /// <summary>Users with an id feature.</summary>
    public int Users { get; } = users;

    /// <summary>Jobs with an id feature.</summary>
    public int Jobs { get; } = jobs;

    /// <summary>False for the "no text" ablation: both text similarities are left out.</summary>
    public bool UseText { get; } = useText;

    /// <summary>Total feature count of the model.</summary>
    public int FeatureCount => Users + Jobs + DenseCount;

    /// <summary>Writes the non-zero features of the inputs; returns how many were written (at most <see cref="MaxNonZeros"/>).</summary>
    public int Write(in FmFeatureInputs x, Span<int> indices, Span<float> values)
    {
        int n = 0;
        if ((uint)x.User < (uint)Users) { indices[n] = x.User; values[n++] = 1f; }
        if ((uint)x.Job < (uint)Jobs) { indices[n] = Users + x.Job; values[n++] = 1f; }
        int dense = Users + Jobs;
        if (x.RegionMatch) { indices[n] = dense + (int)FmFeature.RegionMatch; values[n++] = 1f; }
        if (UseText && x.HistoryTextSimilarity != 0) { indices[n] = dense + (int)FmFeature.HistoryTextSimilarity; values[n++] = x.HistoryTextSimilarity; }
        if (UseText && x.ProfileTextSimilarity != 0) { indices[n] = dense + (int)FmFeature.ProfileTextSimilarity; values[n++] = x.ProfileTextSimilarity; }
        if (x.SkillOverlap != 0) { indices[n] = dense + (int)FmFeature.SkillOverlap; values[n++] = x.SkillOverlap; }
        if (x.OnetMatch) { indices[n] = dense + (int)FmFeature.OnetMatch; values[n++] = 1f; }
        if (x.Popularity != 0) { indices[n] = dense + (int)FmFeature.Popularity; values[n++] = x.Popularity; }
        if (x.Recency != 0) { indices[n] = dense + (int)FmFeature.Recency; values[n++] = x.Recency; }
        if (x.CityMatch != 0) { indices[n] = dense + (int)FmFeature.CityMatch; values[n++] = x.CityMatch; }
        if (x.TitleHistorySimilarity != 0) { indices[n] = dense + (int)FmFeature.TitleHistorySimilarity; values[n++] = x.TitleHistorySimilarity; }
        if (x.TitleProfileSimilarity != 0) { indices[n] = dense + (int)FmFeature.TitleProfileSimilarity; values[n++] = x.TitleProfileSimilarity; }
        if (x.ProfileCityMatch) { indices[n] = dense + (int)FmFeature.ProfileCityMatch; values[n++] = 1f; }
        return n;
    }
}
