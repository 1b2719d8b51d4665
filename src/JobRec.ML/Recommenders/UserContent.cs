namespace JobRec.ML.Recommenders;

/// <summary>What a recommender may know about a user besides their interactions (profile, resume, region).</summary>
/// <param name="ProfileText">Resume or profile text (work history, positions of interest); may be empty.</param>
/// <param name="Region">Two-letter region code, or empty when unknown.</param>
public sealed record UserContent(string ProfileText, string Region)
{
    /// <summary>Normalised skill names the user has.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>O*NET-SOC code of the user's target occupation, or empty.</summary>
    public string OnetCode { get; init; } = "";

    /// <summary>Titles from the profile (past positions, most recent first, then positions of interest); title-token features read them.</summary>
    public IReadOnlyList<string> Titles { get; init; } = [];

    /// <summary>Where the user lives or last worked, as "City, ST" (case-insensitive), or empty.</summary>
    public string City { get; init; } = "";

    /// <summary>A user about whom nothing is known.</summary>
    public static UserContent Empty { get; } = new("", "");
}
