namespace JobRec.Data.Model;

/// <summary>A job posting in the engine's own terms, whatever source it was read from.</summary>
/// <param name="Id">Stable id, unique within the engine (source prefix + source id, e.g. "li:3802078767").</param>
/// <param name="Title">Job title as posted.</param>
/// <param name="Company">Hiring company, or empty when unknown.</param>
/// <param name="Location">Free-text location as posted ("Austin, TX"), or empty.</param>
/// <param name="Description">Full description text, or empty when the source has none.</param>
public sealed record JobPosting(string Id, string Title, string Company, string Location, string Description)
{
    /// <summary>Two-letter US state or region code derived from <see cref="Location"/>, or empty.</summary>
    public string Region { get; init; } = "";
    /// <summary>Normalised skill names required by the job.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];
    /// <summary>Seniority level: "internship", "entry", "associate", "mid-senior", "director", "executive", or empty.</summary>
    public string Level { get; init; } = "";
    /// <summary>Employment type: "full-time", "part-time", "contract", "temporary", "internship", or empty.</summary>
    public string EmploymentType { get; init; } = "";
    /// <summary>True when the job can be done remotely.</summary>
    public bool Remote { get; init; }
    /// <summary>Lower bound of the yearly salary in USD, when known.</summary>
    public decimal? SalaryMin { get; init; }
    /// <summary>Upper bound of the yearly salary in USD, when known.</summary>
    public decimal? SalaryMax { get; init; }
    /// <summary>O*NET-SOC code (e.g. "15-1252.00") when known.</summary>
    public string OnetCode { get; init; } = "";
    /// <summary>When the job was posted, when known.</summary>
    public DateTimeOffset? PostedAt { get; init; }
    /// <summary>When the job closes or closed, when known.</summary>
    public DateTimeOffset? ClosesAt { get; init; }
    /// <summary>Where the posting came from ("linkedin2024", "dice", "synthetic", ...).</summary>
    public string Source { get; init; } = "";
}
