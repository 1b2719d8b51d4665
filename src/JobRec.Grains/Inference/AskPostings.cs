using JobRec.Contracts.Jobs;
using JobRec.ML.Language.Corpus;

namespace JobRec.Grains.Inference;

/// <summary>Turns stored jobs into the posting facts the QA answerers read.</summary>
internal static class AskPostings
{
    /// <summary>The facts of a stored job's posting.</summary>
    public static PostingFacts From(JobView job) => new(job.Id, job.Posting.Title)
    {
        Company = job.Posting.Company,
        Location = job.Posting.Location,
        Skills = job.Posting.Skills,
        Level = job.Posting.Level,
        EmploymentType = job.Posting.EmploymentType,
        Remote = job.Posting.Remote,
        Description = job.Posting.Description,
    };

    /// <summary>The last <paramref name="limit"/> characters of <paramref name="text"/> (questions end with what they ask), or the text itself when it fits.</summary>
    public static string Tail(string text, int limit) => text.Length <= limit ? text : text[^limit..];
}
