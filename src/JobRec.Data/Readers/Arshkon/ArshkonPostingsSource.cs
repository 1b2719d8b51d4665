using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.Data.Regions;

namespace JobRec.Data.Readers.Arshkon;

/// <summary>The Kaggle "LinkedIn Job Postings 2023-24" (arshkon) <c>postings.csv</c>, with descriptions and salaries.</summary>
public sealed class ArshkonPostingsSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public ArshkonPostingsSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "arshkon";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        var path = _files.Find("postings.csv") ?? _files.All.FirstOrDefault();
        if (path is null)
        {
            report.FileProblem("postings.csv", 0, "no file given");
            yield break;
        }
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "job_id", "title")) yield break;
        var h = file.Header!;
        int id = h.IndexOf("job_id"), title = h.IndexOf("title"), company = h.IndexOf("company_name"), description = h.IndexOf("description"),
            min = h.IndexOf("min_salary"), max = h.IndexOf("max_salary"), period = h.IndexOf("pay_period"), location = h.IndexOf("location"),
            workType = h.IndexOf("formatted_work_type", "work_type"), remote = h.IndexOf("remote_allowed"), level = h.IndexOf("formatted_experience_level"),
            listed = h.IndexOf("listed_time", "original_listed_time"), expiry = h.IndexOf("expiry"), normalized = h.IndexOf("normalized_salary");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobId = FieldParsing.Id(record[id]);
            var jobTitle = record[title].Trim();
            if (jobId.Length == 0 || jobTitle.Length == 0)
            {
                report.Reject(file.Name, record.Line, jobId.Length == 0 ? "missing required field job_id" : "missing required field title");
                continue;
            }
            report.Accept();
            var where = Field(record, location);
            var factor = PerYear(Field(record, period));
            var salaryMin = Number(record, min) * factor;
            var salaryMax = Number(record, max) * factor;
            if (salaryMin is null && salaryMax is null && Number(record, normalized) is { } n) salaryMin = salaryMax = n;
            yield return SourceItem.Of(new JobPosting("arshkon:" + jobId, jobTitle, Field(record, company), where, Field(record, description))
            {
                Region = UsRegions.FromLocation(where),
                Level = JobLevels.Level(Field(record, level)),
                EmploymentType = JobLevels.EmploymentType(Field(record, workType)),
                Remote = Field(record, remote) is "1" or "1.0" or "True" or "true",
                SalaryMin = salaryMin,
                SalaryMax = salaryMax,
                PostedAt = listed >= 0 ? FieldParsing.Time(record[listed]) : null,
                ClosesAt = expiry >= 0 ? FieldParsing.Time(record[expiry]) : null,
                Source = Name,
            });
        }
    }

    private static decimal PerYear(string payPeriod) => payPeriod.ToUpperInvariant() switch
    {
        "HOURLY" => 2080m,
        "WEEKLY" => 52m,
        "BIWEEKLY" => 26m,
        "MONTHLY" => 12m,
        _ => 1m,
    };

    private static decimal? Number(CsvRecord record, int index) => index >= 0 ? FieldParsing.Decimal(record[index]) : null;

    private static string Field(CsvRecord record, int index) => index >= 0 ? FieldParsing.Clean(record[index]) : "";
}
