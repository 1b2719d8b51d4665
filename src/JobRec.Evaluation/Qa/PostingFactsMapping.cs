using JobRec.Data.Model;
using JobRec.ML.Language.Corpus;

namespace JobRec.Evaluation.Qa;

/// <summary>Maps the engine's <see cref="JobPosting"/> onto the facts the QA language model reads.</summary>
public static class PostingFactsMapping
{
    /// <summary>The QA facts of <paramref name="posting"/>.</summary>
    public static PostingFacts ToFacts(this JobPosting posting) => new(posting.Id, posting.Title)
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
