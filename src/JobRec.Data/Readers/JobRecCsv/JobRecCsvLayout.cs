namespace JobRec.Data.Readers.JobRecCsv;

/// <summary>
/// The project's own CSV layout (RFC-4180, UTF-8, header row; list fields joined with '|'; times ISO 8601 UTC):
/// <c>jobs.csv</c>, <c>users.csv</c>, <c>interactions.csv</c> (train period), <c>future_interactions.csv</c>
/// (held-out ground truth, never ingested) and <c>occupations.csv</c>.
/// </summary>
public static class JobRecCsvLayout
{
    /// <summary>Columns of jobs.csv.</summary>
    public static readonly string[] JobColumns =
        ["id", "title", "company", "location", "region", "description", "skills", "level", "employment_type", "remote", "salary_min", "salary_max", "onet_code", "posted_at", "closes_at", "source"];

    /// <summary>Columns of users.csv.</summary>
    public static readonly string[] UserColumns =
        ["id", "resume_text", "location", "region", "past_titles", "desired_titles", "skills", "years_experience", "wants_remote", "source"];

    /// <summary>Columns of interactions.csv and future_interactions.csv; kind is view, save or apply.</summary>
    public static readonly string[] InteractionColumns = ["user_id", "job_id", "kind", "time"];

    /// <summary>Columns of occupations.csv.</summary>
    public static readonly string[] OccupationColumns = ["code", "title", "description", "alternate_titles", "taxonomy"];

    /// <summary>Separator of list fields.</summary>
    public const char ListSeparator = '|';
}
