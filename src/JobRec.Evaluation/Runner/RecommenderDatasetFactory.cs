using JobRec.Data.Model;
using JobRec.Evaluation.Splits;
using JobRec.ML.Recommenders;

namespace JobRec.Evaluation.Runner;

/// <summary>Turns a split into the recommenders' training input: the corpus catalog with content, and the training interactions.</summary>
public static class RecommenderDatasetFactory
{
    private const int DescriptionChars = 400;

    /// <summary>Builds the dataset of the split (catalog = every job and user of the corpus, in sorted id order).</summary>
    public static RecommenderDataset Build(EvaluationSplit split)
    {
        var builder = new RecommenderDatasetBuilder();
        foreach (var user in split.Corpus.Users.Values.OrderBy(u => u.Id, StringComparer.Ordinal)) builder.AddUser(user.Id, UserContentOf(user));
        foreach (var job in split.Corpus.Jobs.Values.OrderBy(j => j.Id, StringComparer.Ordinal)) builder.AddJob(job.Id, JobContentOf(job));
        foreach (var i in split.Train) builder.AddInteraction(i.UserId, i.JobId, i.Time, WeightOf(i.Kind));
        return builder.Build();
    }

    /// <summary>The recommender view of a job: title, company, location and the start of the description as text; title and city also apart.</summary>
    public static JobContent JobContentOf(JobPosting job)
    {
        var description = job.Description.Length > DescriptionChars ? job.Description[..DescriptionChars] : job.Description;
        var text = string.Join(". ", new[] { job.Title, job.Company, job.Location, description }.Where(s => s.Length > 0));
        return new JobContent(text, job.Region) { Skills = job.Skills, OnetCode = job.OnetCode, PostedAt = job.PostedAt, Title = job.Title, City = job.Location };
    }

    /// <summary>The recommender view of a user: resume text (or past and desired titles), region, skills, profile titles and city.</summary>
    public static UserContent UserContentOf(UserProfile user)
    {
        var text = user.ResumeText.Trim().Length > 0 ? user.ResumeText
            : string.Join(". ", user.DesiredTitles.Concat(user.PastTitles));
        return new UserContent(text, user.Region) { Skills = user.Skills, Titles = [.. user.PastTitles, .. user.DesiredTitles], City = user.Location };
    }

    /// <summary>Training weight of an interaction kind: view 1, save 2, apply 3.</summary>
    public static float WeightOf(InteractionKind kind) => kind switch
    {
        InteractionKind.Apply => 3f,
        InteractionKind.Save => 2f,
        _ => 1f,
    };
}
