using System.Text;
using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.Data.Regions;

namespace JobRec.Data.Readers.JobViews;

/// <summary>
/// The Kaggle "Job Recommendation" (kandij) logs: users from <c>Experience.csv</c> (work history) and
/// <c>Positions_Of_Interest.csv</c>, then jobs and view interactions from <c>Job_Views.csv</c>. Ids are "jv:" + source id.
/// </summary>
public sealed class JobViewsSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public JobViewsSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "jobviews";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        var experience = _files.Find("Experience.csv");
        var interests = _files.Find("Positions_Of_Interest.csv");
        var views = _files.Find("Job_Views.csv");
        if (experience is null && interests is null && views is null)
        {
            report.FileProblem("Job_Views.csv", 0, "none of Job_Views.csv, Experience.csv, Positions_Of_Interest.csv among the given paths");
            yield break;
        }
        var users = new HashSet<string>(StringComparer.Ordinal);
        using var interestLookup = interests is not null
            ? CsvKeyedLookup.Build(interests, CsvOptions.Csv, "Applicant.ID", report, "Position.Of.Interest") : null;
        var interestColumn = interestLookup?.Header.IndexOf("Position.Of.Interest") ?? -1;

        if (experience is not null)
        {
            foreach (var user in ReadExperience(experience, report, interestLookup, interestColumn, cancellationToken))
            {
                users.Add(user.Id);
                yield return SourceItem.Of(user);
            }
        }
        if (interests is not null)
        {
            using var file = CsvFile.Open(interests, CsvOptions.Csv, report);
            if (file.RequireColumns(report, "Applicant.ID", "Position.Of.Interest"))
            {
                var idColumn = file.Header!.IndexOf("Applicant.ID");
                var record = new CsvRecord();
                var desired = new List<string>();
                string? current = null;
                while (true)
                {
                    var more = file.ReadRow(record, report);
                    var id = more ? record[idColumn].Trim() : null;
                    if (current is not null && id != current && !users.Contains("jv:" + current))
                    {
                        users.Add("jv:" + current);
                        yield return SourceItem.Of(new UserProfile("jv:" + current, "Interested in: " + string.Join(", ", desired), "")
                        {
                            DesiredTitles = desired.ToArray(),
                            Source = Name,
                        });
                    }
                    if (!more) break;
                    if (id != current) desired.Clear();
                    current = id;
                    var position = FieldParsing.Clean(record[interestColumn]);
                    if (position.Length > 0) desired.Add(position);
                }
            }
        }
        if (views is not null)
        {
            foreach (var item in ReadViews(views, report, users, cancellationToken)) yield return item;
        }
    }

    private IEnumerable<UserProfile> ReadExperience(string path, ReadReport report, CsvKeyedLookup? interests, int interestColumn, CancellationToken cancellationToken)
    {
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "Applicant.ID", "Position.Name")) yield break;
        var h = file.Header!;
        int id = h.IndexOf("Applicant.ID"), position = h.IndexOf("Position.Name"), employer = h.IndexOf("Employer.Name"), city = h.IndexOf("City"),
            state = h.IndexOf("State.Code"), start = h.IndexOf("Start.Date"), end = h.IndexOf("End.Date"), description = h.IndexOf("Job.Description");
        var record = new CsvRecord();
        var jobs = new List<(string Title, string Employer, string Location, DateTimeOffset? Start, DateTimeOffset? End, string Description)>();
        string? current = null;
        while (true)
        {
            var more = file.ReadRow(record, report);
            cancellationToken.ThrowIfCancellationRequested();
            var applicant = more ? record[id].Trim() : null;
            if (applicant is { Length: 0 })
            {
                report.Reject(file.Name, record.Line, "missing required field Applicant.ID");
                continue;
            }
            if (current is not null && applicant != current && jobs.Count > 0)
            {
                yield return BuildUser(current, jobs, interests, interestColumn);
            }
            if (!more) break;
            if (applicant != current) jobs.Clear();
            current = applicant;
            report.Accept();
            var cityName = Field(record, city);
            var stateCode = Field(record, state);
            var location = cityName.Length > 0 && stateCode.Length > 0 ? $"{cityName}, {stateCode}" : cityName + stateCode;
            jobs.Add((Field(record, position), Field(record, employer), location,
                start >= 0 ? FieldParsing.Time(record[start]) : null, end >= 0 ? FieldParsing.Time(record[end]) : null, Field(record, description)));
        }
    }

    private UserProfile BuildUser(string applicant, List<(string Title, string Employer, string Location, DateTimeOffset? Start, DateTimeOffset? End, string Description)> jobs,
        CsvKeyedLookup? interests, int interestColumn)
    {
        var ordered = jobs.OrderByDescending(j => j.Start ?? DateTimeOffset.MinValue).ToList();
        var desired = interests?.Lookup(applicant).Select(r => FieldParsing.Clean(r[interestColumn])).Where(t => t.Length > 0).ToArray() ?? [];
        var resume = new StringBuilder();
        foreach (var j in ordered)
        {
            resume.Append(j.Title);
            if (j.Employer.Length > 0) resume.Append(" at ").Append(j.Employer);
            if (j.Start is { } s) resume.Append(" (").Append(s.ToString("yyyy-MM")).Append(" - ").Append(j.End?.ToString("yyyy-MM") ?? "present").Append(')');
            if (j.Description.Length > 0) resume.Append(": ").Append(j.Description);
            resume.Append('\n');
        }
        if (desired.Length > 0) resume.Append("Interested in: ").Append(string.Join(", ", desired));
        var location = ordered.Select(j => j.Location).FirstOrDefault(l => l.Length > 0) ?? "";
        var days = ordered.Where(j => j.Start is not null).Sum(j => ((j.End ?? j.Start!.Value.AddYears(1)) - j.Start!.Value).TotalDays);
        return new UserProfile("jv:" + applicant, resume.ToString().TrimEnd(), location)
        {
            Region = UsRegions.FromLocation(location),
            PastTitles = ordered.Select(j => j.Title).Where(t => t.Length > 0).ToArray(),
            DesiredTitles = desired,
            YearsExperience = days > 0 ? Math.Round(days / 365.25, 1) : null,
            Source = Name,
        };
    }

    private IEnumerable<SourceItem> ReadViews(string path, ReadReport report, HashSet<string> users, CancellationToken cancellationToken)
    {
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "Applicant.ID", "Job.ID", "View.Start")) yield break;
        var h = file.Header!;
        int user = h.IndexOf("Applicant.ID"), job = h.IndexOf("Job.ID"), title = h.IndexOf("Title"), position = h.IndexOf("Position"),
            company = h.IndexOf("Company"), city = h.IndexOf("City"), state = h.IndexOf("State.Code"), start = h.IndexOf("View.Start");
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var userId = record[user].Trim();
            var jobId = record[job].Trim();
            var time = FieldParsing.Time(record[start]);
            if (userId.Length == 0 || jobId.Length == 0 || time is null)
            {
                report.Reject(file.Name, record.Line, userId.Length == 0 ? "missing required field Applicant.ID"
                    : jobId.Length == 0 ? "missing required field Job.ID" : $"View.Start '{record[start]}' is not a date");
                continue;
            }
            report.Accept();
            if (users.Add("jv:" + userId)) yield return SourceItem.Of(new UserProfile("jv:" + userId, "", "") { Source = Name });
            if (jobs.Add(jobId))
            {
                var cityName = Field(record, city);
                var stateCode = Field(record, state);
                var location = cityName.Length > 0 && stateCode.Length > 0 ? $"{cityName}, {stateCode}" : cityName + stateCode;
                var jobTitle = Field(record, position);
                if (jobTitle.Length == 0) jobTitle = Field(record, title);
                yield return SourceItem.Of(new JobPosting("jv:" + jobId, jobTitle, Field(record, company), location, Field(record, title))
                {
                    Region = UsRegions.IsStateCode(stateCode) ? stateCode.ToUpperInvariant() : UsRegions.FromLocation(location),
                    Source = Name,
                });
            }
            yield return SourceItem.Of(new Interaction("jv:" + userId, "jv:" + jobId, InteractionKind.View, time.Value));
        }
    }

    private static string Field(CsvRecord record, int index) => index >= 0 ? FieldParsing.Clean(record[index]) : "";
}
