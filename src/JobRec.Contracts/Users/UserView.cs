using Orleans;
using JobRec.Contracts.Interactions;

namespace JobRec.Contracts.Users;

/// <summary>A stored user as the engine serves it: profile and interaction history, newest first.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable, Alias("jobrec.UserView")]
public sealed record UserView
{
    /// <summary>The user's id (its grain key).</summary>
    public string Id { get; init; } = "";
    /// <summary>The profile as last submitted.</summary>
    public UserInput Profile { get; init; } = new();
    /// <summary>Total number of interactions recorded.</summary>
    public int InteractionCount { get; init; }
    /// <summary>The most recent interactions, newest first (at most <see cref="ContractLimits.MaxReturnedInteractions"/>).</summary>
    public IReadOnlyList<InteractionRecord> RecentInteractions { get; init; } = [];
    /// <summary>Normalised skills extracted from the resume text; recommendations match them with jobs' skills. Empty for profiles stored before
    /// extraction existed.</summary>
    public IReadOnlyList<string> ExtractedSkills { get; init; } = [];
}
