using System.Text;
using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.Data.Regions;

namespace JobRec.Data.Readers.CareerBuilder;

/// <summary>
/// The CareerBuilder 2012 job-recommendation TSVs (Kaggle "Job Recommendation Challenge" layout): <c>jobs.tsv</c>,
/// <c>users.tsv</c> joined with <c>user_history.tsv</c> on UserID, and <c>apps.tsv</c> as apply interactions.
/// <c>window_dates.tsv</c> is read by <see cref="ReadWindows"/>. Ids are "cb:" + source id.
/// </summary>
public sealed class CareerBuilderSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public CareerBuilderSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "careerbuilder";

    /// <summary>Column names of jobs.tsv, in order.</summary>
    public static readonly string[] JobColumns = ["JobID", "WindowID", "Title", "Description", "Requirements", "City", "State", "Country", "Zip5", "StartDate", "EndDate"];
    /// <summary>Column names of users.tsv, in order.</summary>
    public static readonly string[] UserColumns = ["UserID", "WindowID", "Split", "City", "State", "Country", "ZipCode", "DegreeType", "Major", "GraduationDate", "WorkHistoryCount", "TotalYearsExperience", "CurrentlyEmployed", "ManagedOthers", "ManagedHowMany"];
    /// <summary>Column names of apps.tsv, in order.</summary>
    public static readonly string[] AppColumns = ["UserID", "WindowID", "Split", "ApplicationDate", "JobID"];
    /// <summary>Column names of user_history.tsv, in order.</summary>
    public static readonly string[] HistoryColumns = ["UserID", "WindowID", "Split", "Sequence", "JobTitle"];
    /// <summary>Column names of window_dates.tsv, in order.</summary>
    public static readonly string[] WindowColumns = ["Window", "Train Start", "Test Start", "Test End"];

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        string? jobs = _files.Find("jobs.tsv"), users = _files.Find("users.tsv"), apps = _files.Find("apps.tsv"), history = _files.Find("user_history.tsv");
        if (jobs is null && users is null && apps is null)
        {
            report.FileProblem("jobs.tsv", 0, "none of jobs.tsv, users.tsv, apps.tsv among the given paths");
            yield break;
        }
        if (jobs is not null) foreach (var item in ReadJobs(jobs, report, cancellationToken)) yield return item;
        if (users is not null) foreach (var item in ReadUsers(users, history, report, cancellationToken)) yield return item;
        if (apps is not null) foreach (var item in ReadApps(apps, report, cancellationToken)) yield return item;
    }

    /// <summary>The windows of window_dates.tsv: number, train start, test start, test end.</summary>
    public IEnumerable<(int Window, DateTimeOffset TrainStart, DateTimeOffset TestStart, DateTimeOffset TestEnd)> ReadWindows(ReadReport report)
    {
        var path = _files.Find("window_dates.tsv");
        if (path is null) yield break;
        using var file = CsvFile.Open(path, CsvOptions.Tsv, report);
        if (!file.RequireColumns(report, WindowColumns)) yield break;
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            if (!int.TryParse(record[0], out var window) || FieldParsing.Time(record[1]) is not { } a || FieldParsing.Time(record[2]) is not { } b || FieldParsing.Time(record[3]) is not { } c)
            {
                report.Reject(file.Name, record.Line, "window number or dates do not parse");
                continue;
            }
            report.Accept();
            yield return (window, a, b, c);
        }
    }

    private IEnumerable<SourceItem> ReadJobs(string path, ReadReport report, CancellationToken cancellationToken)
    {
        using var file = CsvFile.Open(path, CsvOptions.Tsv, report);
        if (!file.RequireColumns(report, "JobID", "Title")) yield break;
        var h = file.Header!;
        int id = h.IndexOf("JobID"), title = h.IndexOf("Title"), description = h.IndexOf("Description"), requirements = h.IndexOf("Requirements"),
            city = h.IndexOf("City"), state = h.IndexOf("State"), start = h.IndexOf("StartDate"), end = h.IndexOf("EndDate");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobId = record[id].Trim();
            var jobTitle = record[title].Trim();
            if (jobId.Length == 0 || jobTitle.Length == 0)
            {
                report.Reject(file.Name, record.Line, jobId.Length == 0 ? "missing required field JobID" : "missing required field Title");
                continue;
            }
            report.Accept();
            var location = Location(Field(record, city), Field(record, state));
            var text = Field(record, description);
            var req = Field(record, requirements);
            if (req.Length > 0) text = text.Length > 0 ? text + "\nRequirements: " + req : req;
            yield return SourceItem.Of(new JobPosting("cb:" + jobId, jobTitle, "", location, text)
            {
                Region = UsRegions.FromLocation(location),
                PostedAt = start >= 0 ? FieldParsing.Time(record[start]) : null,
                ClosesAt = end >= 0 ? FieldParsing.Time(record[end]) : null,
                Source = Name,
            });
        }
    }

    private IEnumerable<SourceItem> ReadUsers(string path, string? historyPath, ReadReport report, CancellationToken cancellationToken)
    {
        using var history = historyPath is not null ? CsvKeyedLookup.Build(historyPath, CsvOptions.Tsv, "UserID", report, "JobTitle") : null;
        var titleColumn = history?.Header.IndexOf("JobTitle") ?? -1;
        var sequenceColumn = history?.Header.IndexOf("Sequence") ?? -1;
        using var file = CsvFile.Open(path, CsvOptions.Tsv, report);
        if (!file.RequireColumns(report, "UserID")) yield break;
        var h = file.Header!;
        int id = h.IndexOf("UserID"), city = h.IndexOf("City"), state = h.IndexOf("State"), degree = h.IndexOf("DegreeType"), major = h.IndexOf("Major"),
            years = h.IndexOf("TotalYearsExperience");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var userId = record[id].Trim();
            if (userId.Length == 0)
            {
                report.Reject(file.Name, record.Line, "missing required field UserID");
                continue;
            }
            report.Accept();
            var titles = history?.Lookup(userId)
                .OrderBy(r => int.TryParse(sequenceColumn >= 0 ? r[sequenceColumn] : "", out var s) ? s : int.MaxValue)
                .Select(r => r[titleColumn].Trim()).Where(t => t.Length > 0).ToArray() ?? [];
            var resume = new StringBuilder();
            foreach (var t in titles) resume.Append(t).Append('\n');
            var degreeText = Field(record, degree);
            var majorText = Field(record, major);
            if (degreeText.Length > 0 && !degreeText.Equals("None", StringComparison.OrdinalIgnoreCase)) resume.Append(degreeText);
            if (majorText.Length > 0 && !majorText.Equals("None", StringComparison.OrdinalIgnoreCase)) resume.Append(" in ").Append(majorText);
            var location = Location(Field(record, city), Field(record, state));
            yield return SourceItem.Of(new UserProfile("cb:" + userId, resume.ToString().Trim(), location)
            {
                Region = UsRegions.FromLocation(location),
                PastTitles = titles,
                YearsExperience = years >= 0 && FieldParsing.Decimal(record[years]) is { } y ? (double)y : null,
                Source = Name,
            });
        }
    }

    private IEnumerable<SourceItem> ReadApps(string path, ReadReport report, CancellationToken cancellationToken)
    {
        using var file = CsvFile.Open(path, CsvOptions.Tsv, report);
        if (!file.RequireColumns(report, "UserID", "JobID", "ApplicationDate")) yield break;
        var h = file.Header!;
        int user = h.IndexOf("UserID"), job = h.IndexOf("JobID"), date = h.IndexOf("ApplicationDate");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var userId = record[user].Trim();
            var jobId = record[job].Trim();
            var time = FieldParsing.Time(record[date]);
            if (userId.Length == 0 || jobId.Length == 0 || time is null)
            {
                report.Reject(file.Name, record.Line, userId.Length == 0 ? "missing required field UserID"
                    : jobId.Length == 0 ? "missing required field JobID" : $"ApplicationDate '{record[date]}' is not a date");
                continue;
            }
            report.Accept();
            yield return SourceItem.Of(new Interaction("cb:" + userId, "cb:" + jobId, InteractionKind.Apply, time.Value));
        }
    }

    private static string Location(string city, string state) =>
        city.Length > 0 && state.Length > 0 ? $"{city}, {state}" : city + state;

    private static string Field(CsvRecord record, int index) => index >= 0 ? FieldParsing.Clean(record[index]) : "";
}
