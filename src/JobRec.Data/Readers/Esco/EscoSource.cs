using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;

namespace JobRec.Data.Readers.Esco;

/// <summary>
/// ESCO CSV exports: occupations (<c>occupations_en.csv</c>, alternative labels one per line) and skills from any
/// skills file with conceptUri, preferredLabel and altLabels columns (<c>skills_en.csv</c>, the *SkillsCollection files).
/// </summary>
public sealed class EscoSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public EscoSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "esco";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        var occupations = _files.Find("occupations_en.csv");
        var skills = _files.All.Where(f => Path.GetFileName(f).StartsWith("skills_", StringComparison.OrdinalIgnoreCase)
            || Path.GetFileName(f).Contains("SkillsCollection", StringComparison.OrdinalIgnoreCase)).ToList();
        if (occupations is null && skills.Count == 0)
        {
            report.FileProblem("occupations_en.csv", 0, "neither occupations_en.csv nor an ESCO skills file among the given paths");
            yield break;
        }
        if (occupations is not null) foreach (var o in ReadOccupations(occupations, report, cancellationToken)) yield return SourceItem.Of(o);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in skills)
        {
            foreach (var s in ReadSkills(path, report, cancellationToken))
            {
                if (seen.Add(s.ExternalId)) yield return SourceItem.Of(s);
            }
        }
    }

    /// <summary>ESCO occupations; the code is the concept URI.</summary>
    public static IEnumerable<Occupation> ReadOccupations(string path, ReadReport report, CancellationToken cancellationToken = default)
    {
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "conceptUri", "preferredLabel")) yield break;
        var h = file.Header!;
        int uri = h.IndexOf("conceptUri"), label = h.IndexOf("preferredLabel"), alt = h.IndexOf("altLabels"), description = h.IndexOf("description", "definition");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var code = record[uri].Trim();
            var title = record[label].Trim();
            if (code.Length == 0 || title.Length == 0)
            {
                report.Reject(file.Name, record.Line, code.Length == 0 ? "missing required field conceptUri" : "missing required field preferredLabel");
                continue;
            }
            report.Accept();
            yield return new Occupation(code, title, description >= 0 ? record[description].Trim() : "")
            {
                AlternateTitles = alt >= 0 ? Labels(record[alt]) : [],
                Taxonomy = "esco",
            };
        }
    }

    /// <summary>ESCO skills with their alternative labels as aliases; the external id is the concept URI.</summary>
    public static IEnumerable<Skill> ReadSkills(string path, ReadReport report, CancellationToken cancellationToken = default)
    {
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "conceptUri", "preferredLabel")) yield break;
        var h = file.Header!;
        int uri = h.IndexOf("conceptUri"), label = h.IndexOf("preferredLabel"), alt = h.IndexOf("altLabels");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = record[label].Trim();
            if (name.Length == 0)
            {
                report.Reject(file.Name, record.Line, "missing required field preferredLabel");
                continue;
            }
            report.Accept();
            yield return new Skill(name) { Aliases = alt >= 0 ? Labels(record[alt]) : [], Source = "esco", ExternalId = record[uri].Trim() };
        }
    }

    /// <summary>Splits an ESCO label list (one per line, or separated by " | ").</summary>
    public static IReadOnlyList<string> Labels(string value) =>
        value.Split(['\n', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
