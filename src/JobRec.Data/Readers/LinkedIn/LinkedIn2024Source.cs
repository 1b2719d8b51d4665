using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.Data.Regions;

namespace JobRec.Data.Readers.LinkedIn;

/// <summary>
/// The Kaggle "1.3M LinkedIn Jobs and Skills 2024" files (asaniczka): <c>linkedin_job_postings.csv</c> joined on
/// <c>job_link</c> with <c>job_skills.csv</c> and <c>job_summary.csv</c> when those are given (either may be missing or partial).
/// </summary>
public sealed class LinkedIn2024Source : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public LinkedIn2024Source(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "linkedin2024";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        var postings = _files.Find("linkedin_job_postings.csv");
        if (postings is null)
        {
            report.FileProblem("linkedin_job_postings.csv", 0, "not among the given paths; job_skills.csv and job_summary.csv only enrich postings");
            yield break;
        }
        using var skills = _files.Find("job_skills.csv") is { } s ? CsvKeyedLookup.Build(s, CsvOptions.Csv, "job_link", report, "job_skills") : null;
        using var summaries = _files.Find("job_summary.csv") is { } m ? CsvKeyedLookup.Build(m, CsvOptions.Csv, "job_link", report, "job_summary") : null;
        var skillsColumn = skills?.Header.IndexOf("job_skills") ?? -1;
        var summaryColumn = summaries?.Header.IndexOf("job_summary") ?? -1;

        using var file = CsvFile.Open(postings, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "job_link", "job_title")) yield break;
        var h = file.Header!;
        int link = h.IndexOf("job_link"), title = h.IndexOf("job_title"), company = h.IndexOf("company"),
            location = h.IndexOf("job_location"), firstSeen = h.IndexOf("first_seen"), level = h.IndexOf("job_level"), type = h.IndexOf("job_type");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobLink = record[link].Trim();
            var jobTitle = record[title].Trim();
            if (jobLink.Length == 0 || jobTitle.Length == 0)
            {
                report.Reject(file.Name, record.Line, jobLink.Length == 0 ? "missing required field job_link" : "missing required field job_title");
                continue;
            }
            report.Accept();
            var where = Field(record, location);
            var jobType = Field(record, type);
            var job = new JobPosting(IdOf(jobLink), jobTitle, Field(record, company), where, "")
            {
                Region = UsRegions.FromLocation(where),
                Level = JobLevels.Level(Field(record, level)),
                Remote = jobType.Equals("Remote", StringComparison.OrdinalIgnoreCase),
                PostedAt = firstSeen >= 0 ? FieldParsing.Time(record[firstSeen]) : null,
                Source = Name,
            };
            if (skills is not null && skills.Lookup(jobLink) is [var skillRow, ..])
                job = job with { Skills = FieldParsing.List(skillRow[skillsColumn]) };
            if (summaries is not null && summaries.Lookup(jobLink) is [var summaryRow, ..])
                job = job with { Description = summaryRow[summaryColumn].Trim() };
            yield return SourceItem.Of(job);
        }
    }

    /// <summary>"li:" and the numeric LinkedIn job id at the end of the link, or "li:" and a hash of the link when it has none.</summary>
    public static string IdOf(string jobLink)
    {
        var end = jobLink.Length;
        while (end > 0 && (jobLink[end - 1] == '/' || jobLink[end - 1] == ' ')) end--;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(jobLink[start - 1])) start--;
        return end - start >= 6 ? "li:" + jobLink[start..end] : "li:h" + CsvKeyedLookup.Hash(jobLink).ToString("x16");
    }

    private static string Field(CsvRecord record, int index) => index >= 0 ? FieldParsing.Clean(record[index]) : "";
}
