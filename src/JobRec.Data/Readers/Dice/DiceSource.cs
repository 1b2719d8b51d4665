using System.Globalization;
using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;

namespace JobRec.Data.Readers.Dice;

/// <summary>
/// Dice.com 2016 US tech jobs: <c>dice_title_skills.csv</c> (title, recruiter skills, experience) joined on
/// <c>job_id</c> with <c>dice_title_description_skills.csv</c> for descriptions; either file alone also works.
/// </summary>
public sealed class DiceSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public DiceSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "dice";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        var titles = _files.Find("dice_title_skills.csv");
        var descriptions = _files.Find("dice_title_description_skills.csv");
        var primary = titles ?? descriptions;
        if (primary is null)
        {
            report.FileProblem("dice_title_skills.csv", 0, "neither dice_title_skills.csv nor dice_title_description_skills.csv among the given paths");
            yield break;
        }
        using var lookup = titles is not null && descriptions is not null
            ? CsvKeyedLookup.Build(descriptions, CsvOptions.Csv, "job_id", report, "description") : null;
        var descriptionColumn = lookup?.Header.IndexOf("description") ?? -1;

        using var file = CsvFile.Open(primary, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "job_id", "title")) yield break;
        var h = file.Header!;
        int id = h.IndexOf("job_id"), title = h.IndexOf("title"), skills = h.IndexOf("required_skills"),
            experience = h.IndexOf("experience"), description = h.IndexOf("description");
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
            var text = description >= 0 ? record[description].Trim() : "";
            if (text.Length == 0 && lookup is not null && lookup.Lookup(record[id]) is [var row, ..]) text = row[descriptionColumn].Trim();
            var years = experience >= 0 ? MinimumYears(record[experience]) : null;
            yield return SourceItem.Of(new JobPosting("dice:" + jobId, jobTitle, "", "", text)
            {
                Skills = skills >= 0 ? Skills(record[skills]) : [],
                Level = years is { } y ? Readers.JobLevels.FromYears(y) : "",
                Source = Name,
            });
        }
    }

    /// <summary>The recruiter's skills, without placeholders such as "SEE BELOW" or "(See Job Description)".</summary>
    public static IReadOnlyList<string> Skills(string value)
    {
        var items = FieldParsing.List(value);
        return items.Where(s => !IsPlaceholder(s)).ToList();
    }

    private static bool IsPlaceholder(string skill)
    {
        var s = skill.Trim('(', ')', ' ', '.').ToLowerInvariant();
        return s.Length == 0 || s.StartsWith("see ", StringComparison.Ordinal) || s.StartsWith("please see", StringComparison.Ordinal)
            || s.Contains("job description") || s is "n/a" or "na" or "none" or "tbd";
    }

    /// <summary>The lower bound of an experience range such as "4 - 8 yrs", or null.</summary>
    public static double? MinimumYears(string value)
    {
        var digits = new string(value.TakeWhile(c => char.IsAsciiDigit(c) || c == ' ').ToArray()).Trim();
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ? y : null;
    }
}
