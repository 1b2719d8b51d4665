using Orleans;
namespace JobRec.Contracts.Users;

/// <summary>A user's profile as submitted (create or replace); <see cref="ContractLimits"/> bounds every field.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable, Alias("jobrec.UserInput")]
public sealed record UserInput
{
    /// <summary>Resume or profile text, at most <see cref="ContractLimits.MaxDescriptionLength"/> characters.</summary>
    public string ResumeText { get; init; } = "";
    /// <summary>Free-text location, may be empty.</summary>
    public string Location { get; init; } = "";
    /// <summary>Two-letter US state or region code, may be empty.</summary>
    public string Region { get; init; } = "";
    /// <summary>Normalised skill names; at most <see cref="ContractLimits.MaxSkills"/>.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];
    /// <summary>Positions the user is interested in.</summary>
    public IReadOnlyList<string> DesiredTitles { get; init; } = [];
    /// <summary>True when the user wants remote work (remote jobs count as "in your area").</summary>
    public bool WantsRemote { get; init; }
    /// <summary>When true, only jobs in the user's region or remote jobs are recommended.</summary>
    public bool OnlyLocalOrRemote { get; init; }
    /// <summary>Where the profile came from.</summary>
    public string Source { get; init; } = "";
    /// <summary>Past job titles, most recent first (the recommender's title features compare them with job titles).</summary>
    public IReadOnlyList<string> PastTitles { get; init; } = [];
}
