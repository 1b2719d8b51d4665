namespace JobRec.Data.Model;

/// <summary>A skill of the vocabulary: its preferred name, aliases and where it came from.</summary>
/// <param name="Name">Preferred (display) name, e.g. "JavaScript".</param>
public sealed record Skill(string Name)
{
    /// <summary>Other names for the same skill ("JS", "ECMAScript").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>"esco", "onet", "linkedin", "dice", "builtin".</summary>
    public string Source { get; init; } = "";
    /// <summary>Taxonomy id when the source has one (ESCO URI, O*NET commodity code).</summary>
    public string ExternalId { get; init; } = "";
}
