namespace JobRec.Grains.Recommendations;

/// <summary>Names of the candidate generators, as reported in <c>RecommendedJob.Sources</c>.</summary>
public static class CandidateSources
{
    /// <summary>Nearest neighbours of the user's query vector in the index shards.</summary>
    public const string Semantic = "semantic";
    /// <summary>Jobs touched by the same users as the user's recent jobs.</summary>
    public const string CoInteraction = "co-interaction";
    /// <summary>The most popular jobs.</summary>
    public const string Popular = "popular";
}
