using JobRec.Data.Model;

namespace JobRec.ML.Language.Corpus;

/// <summary>The facts of one job posting that the QA language model reads, is trained on and cites (a language-level view of <c>JobRec.Data.Model.JobPosting</c>).</summary>
/// <param name="JobId">The posting's engine id (cited in answers).</param>
/// <param name="Title">Job title.</param>
public sealed record PostingFacts(string JobId, string Title)
{
    /// <summary>Hiring company, or empty.</summary>
    public string Company { get; init; } = "";
    /// <summary>Location as posted, or empty.</summary>
    public string Location { get; init; } = "";
    /// <summary>Required skills, most important first.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];
    /// <summary>Seniority level, or empty.</summary>
    public string Level { get; init; } = "";
    /// <summary>Employment type, or empty.</summary>
    public string EmploymentType { get; init; } = "";
    /// <summary>True when the job can be done remotely.</summary>
    public bool Remote { get; init; }
    /// <summary>Lower yearly salary bound in USD, when known.</summary>
    public decimal? SalaryMin { get; init; }
    /// <summary>Upper yearly salary bound in USD, when known.</summary>
    public decimal? SalaryMax { get; init; }
    /// <summary>Description text, or empty.</summary>
    public string Description { get; init; } = "";

    /// <summary>The facts of an engine posting.</summary>
    public static PostingFacts From(JobPosting posting) => new(posting.Id, posting.Title)
    {
        Company = posting.Company,
        Location = posting.Location,
        Skills = posting.Skills,
        Level = posting.Level,
        EmploymentType = posting.EmploymentType,
        Remote = posting.Remote,
        SalaryMin = posting.SalaryMin,
        SalaryMax = posting.SalaryMax,
        Description = posting.Description,
    };
}
