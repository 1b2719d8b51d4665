using Orleans;
namespace JobRec.Contracts.Jobs;

/// <summary>A job posting as submitted to the engine (create or replace); <see cref="ContractLimits"/> bounds every field.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable, Alias("jobrec.JobInput")]
public sealed record JobInput
{
    /// <summary>Job title; required, at most <see cref="ContractLimits.MaxTitleLength"/> characters.</summary>
    public string Title { get; init; } = "";
    /// <summary>Hiring company, may be empty.</summary>
    public string Company { get; init; } = "";
    /// <summary>Free-text location ("Austin, TX"), may be empty.</summary>
    public string Location { get; init; } = "";
    /// <summary>Two-letter US state or region code, may be empty.</summary>
    public string Region { get; init; } = "";
    /// <summary>Description text, at most <see cref="ContractLimits.MaxDescriptionLength"/> characters.</summary>
    public string Description { get; init; } = "";
    /// <summary>Normalised skill names; at most <see cref="ContractLimits.MaxSkills"/>.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];
    /// <summary>True when the job can be done remotely.</summary>
    public bool Remote { get; init; }
    /// <summary>Seniority level, may be empty.</summary>
    public string Level { get; init; } = "";
    /// <summary>Employment type, may be empty.</summary>
    public string EmploymentType { get; init; } = "";
    /// <summary>O*NET-SOC code when the source knows it; otherwise the engine classifies the posting.</summary>
    public string OnetCode { get; init; } = "";
    /// <summary>When the job was posted, when known.</summary>
    public DateTimeOffset? PostedAt { get; init; }
    /// <summary>When the job closes, when known; a job past this time is never recommended.</summary>
    public DateTimeOffset? ClosesAt { get; init; }
    /// <summary>Where the posting came from.</summary>
    public string Source { get; init; } = "";
}
