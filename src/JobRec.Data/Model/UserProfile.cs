namespace JobRec.Data.Model;

/// <summary>A job seeker: resume/profile text, where they are, what they have done and want.</summary>
/// <param name="Id">Stable user id, unique within the engine.</param>
/// <param name="ResumeText">Resume or profile text (work history, positions of interest), may be empty.</param>
/// <param name="Location">Free-text location, or empty.</param>
public sealed record UserProfile(string Id, string ResumeText, string Location)
{
    /// <summary>Two-letter US state or region code derived from <see cref="Location"/>, or empty.</summary>
    public string Region { get; init; } = "";
    /// <summary>Past job titles, most recent first.</summary>
    public IReadOnlyList<string> PastTitles { get; init; } = [];
    /// <summary>Positions the user says they are interested in.</summary>
    public IReadOnlyList<string> DesiredTitles { get; init; } = [];
    /// <summary>Normalised skill names the user has.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];
    /// <summary>Years of experience, when known.</summary>
    public double? YearsExperience { get; init; }
    /// <summary>True when the user wants remote work.</summary>
    public bool WantsRemote { get; init; }
    /// <summary>Where the profile came from ("jobviews", "careerbuilder", "synthetic", ...).</summary>
    public string Source { get; init; } = "";
}
