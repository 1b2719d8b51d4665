using System.Globalization;
using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.Data.Regions;

namespace JobRec.Data.Readers.JobRecCsv;

/// <summary>
/// Reads a folder in <see cref="JobRecCsvLayout"/> (what <c>jobrec generate --format csv</c> writes): occupations, jobs,
/// users, then train interactions. <c>future_interactions.csv</c> is ground truth and is read only by <see cref="ReadFutureInteractions"/>.
/// </summary>
public sealed class JobRecCsvSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public JobRecCsvSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "synthetic";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        string? occupations = _files.Find("occupations.csv"), jobs = _files.Find("jobs.csv"), users = _files.Find("users.csv"), interactions = _files.Find("interactions.csv");
        if (jobs is null && users is null && interactions is null && occupations is null)
        {
            report.FileProblem("jobs.csv", 0, "none of jobs.csv, users.csv, interactions.csv, occupations.csv among the given paths");
            yield break;
        }
        if (occupations is not null) foreach (var o in Rows(occupations, report, JobRecCsvLayout.OccupationColumns, cancellationToken)) yield return SourceItem.Of(ToOccupation(o));
        if (jobs is not null) foreach (var j in Rows(jobs, report, JobRecCsvLayout.JobColumns, cancellationToken)) if (ToJob(j, report) is { } job) yield return SourceItem.Of(job);
        if (users is not null) foreach (var u in Rows(users, report, JobRecCsvLayout.UserColumns, cancellationToken)) yield return SourceItem.Of(ToUser(u));
        if (interactions is not null) foreach (var i in ReadInteractions(interactions, report, cancellationToken)) yield return SourceItem.Of(i);
    }

    /// <summary>The held-out future interactions (future_interactions.csv), or nothing when the file is absent.</summary>
    public IEnumerable<Interaction> ReadFutureInteractions(ReadReport report) =>
        _files.Find("future_interactions.csv") is { } path ? ReadInteractions(path, report, default) : [];

    private static IEnumerable<Interaction> ReadInteractions(string path, ReadReport report, CancellationToken cancellationToken)
    {
        foreach (var row in Rows(path, report, JobRecCsvLayout.InteractionColumns, cancellationToken))
        {
            if (!Enum.TryParse<InteractionKind>(row.Get("kind"), true, out var kind) || !Enum.IsDefined(kind))
            {
                report.Reject(row.File, row.Line, $"kind '{row.Get("kind")}' is not view, save or apply");
                continue;
            }
            if (FieldParsing.Time(row.Get("time")) is not { } time)
            {
                report.Reject(row.File, row.Line, $"time '{row.Get("time")}' is not a date");
                continue;
            }
            report.Accept();
            yield return new Interaction(row.Get("user_id"), row.Get("job_id"), kind, time);
        }
    }

    private static JobPosting? ToJob(Row r, ReadReport report)
    {
        if (r.Get("title").Length == 0)
        {
            report.Reject(r.File, r.Line, "missing required field title");
            return null;
        }
        report.Accept();
        var location = r.Get("location");
        var region = r.Get("region");
        return new JobPosting(r.Get("id"), r.Get("title"), r.Get("company"), location, r.Get("description"))
        {
            Region = region.Length > 0 ? region : UsRegions.FromLocation(location),
            Skills = List(r.Get("skills")),
            Level = r.Get("level"),
            EmploymentType = r.Get("employment_type"),
            Remote = r.Get("remote") == "true",
            SalaryMin = FieldParsing.Decimal(r.Get("salary_min")),
            SalaryMax = FieldParsing.Decimal(r.Get("salary_max")),
            OnetCode = r.Get("onet_code"),
            PostedAt = FieldParsing.Time(r.Get("posted_at")),
            ClosesAt = FieldParsing.Time(r.Get("closes_at")),
            Source = r.Get("source"),
        };
    }

    private static UserProfile ToUser(Row r)
    {
        var location = r.Get("location");
        var region = r.Get("region");
        return new UserProfile(r.Get("id"), r.Get("resume_text"), location)
        {
            Region = region.Length > 0 ? region : UsRegions.FromLocation(location),
            PastTitles = List(r.Get("past_titles")),
            DesiredTitles = List(r.Get("desired_titles")),
            Skills = List(r.Get("skills")),
            YearsExperience = double.TryParse(r.Get("years_experience"), NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ? y : null,
            WantsRemote = r.Get("wants_remote") == "true",
            Source = r.Get("source"),
        };
    }

    private static Occupation ToOccupation(Row r) =>
        new(r.Get("code"), r.Get("title"), r.Get("description")) { AlternateTitles = List(r.Get("alternate_titles")), Taxonomy = r.Get("taxonomy") is { Length: > 0 } t ? t : "onet" };

    private static IReadOnlyList<string> List(string value) => FieldParsing.List(value, JobRecCsvLayout.ListSeparator);

    /// <summary>Rows whose first column (the key) is non-empty; other rows are rejected. Rows are counted by the caller.</summary>
    private static IEnumerable<Row> Rows(string path, ReadReport report, string[] columns, CancellationToken cancellationToken)
    {
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, columns)) yield break;
        var index = columns.ToDictionary(c => c, c => file.Header!.IndexOf(c));
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record[index[columns[0]]].Trim().Length == 0 || (columns[0] == "user_id" && record[index["job_id"]].Trim().Length == 0))
            {
                report.Reject(file.Name, record.Line, $"missing required field {(record[index[columns[0]]].Trim().Length == 0 ? columns[0] : "job_id")}");
                continue;
            }
            if (columns == JobRecCsvLayout.UserColumns || columns == JobRecCsvLayout.OccupationColumns) report.Accept();
            yield return new Row(file.Name, record.Line, record.Fields.ToArray(), index);
        }
    }

    private sealed record Row(string File, long Line, string[] Fields, Dictionary<string, int> Index)
    {
        public string Get(string column) => Fields[Index[column]].Trim();
    }
}
