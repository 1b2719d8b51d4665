using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Reading;

namespace JobRec.Data.Readers.Onet;

/// <summary>
/// The O*NET reader: occupations (Occupation Data joined with Alternate Titles on the O*NET-SOC code) and technology skills, from
/// either the official tab-delimited files ("Occupation Data.txt", headers with spaces) or camelCase TSVs ("ONET.OccupationData.tsv").
/// As an <see cref="IDataSource"/> (import) it reports and skips bad rows; <see cref="LoadOccupations"/> and <see cref="LoadAlternateTitles"/>
/// (the O*NET classifier's training and evaluation) read the same files strictly, in file order, and throw on the first bad row.
/// </summary>
public sealed class OnetSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public OnetSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "onet";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        var occupations = _files.Find("Occupation Data.txt", "ONET.OccupationData.tsv", "OccupationData.tsv", "OccupationData.txt");
        var alternates = _files.Find("Alternate Titles.txt", "ONET.AlternateTitles.tsv", "AlternateTitles.tsv", "AlternateTitles.txt");
        var technology = _files.Find("Technology Skills.txt", "ONET.TechnologySkills.tsv", "TechnologySkills.tsv", "TechnologySkills.txt");
        if (occupations is null && technology is null)
        {
            report.FileProblem("Occupation Data.txt", 0, "neither Occupation Data nor Technology Skills among the given paths");
            yield break;
        }
        if (occupations is not null) foreach (var o in ReadOccupations(occupations, alternates, report, cancellationToken)) yield return SourceItem.Of(o);
        if (technology is not null) foreach (var s in ReadTechnologySkills(technology, report, cancellationToken)) yield return SourceItem.Of(s);
    }

    /// <summary>Occupations with their alternate titles (when <paramref name="alternatesPath"/> is given).</summary>
    public static IEnumerable<Occupation> ReadOccupations(string path, string? alternatesPath, ReadReport report, CancellationToken cancellationToken = default)
    {
        using var alternates = alternatesPath is not null
            ? CsvKeyedLookup.Build(alternatesPath, CsvOptions.Tsv, "O*NET-SOC Code", report, "Alternate Title") : null;
        var alternateColumn = alternates?.Header.IndexOf("Alternate Title") ?? -1;
        using var file = CsvFile.Open(path, CsvOptions.Tsv, report);
        if (!file.RequireColumns(report, "O*NET-SOC Code", "Title")) yield break;
        int code = file.Header!.IndexOf("O*NET-SOC Code"), title = file.Header.IndexOf("Title"), description = file.Header.IndexOf("Description");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var soc = record[code].Trim();
            if (!IsSocCode(soc) || record[title].Trim().Length == 0)
            {
                report.Reject(file.Name, record.Line, IsSocCode(soc) ? "missing required field Title" : $"'{soc}' is not an O*NET-SOC code (NN-NNNN.NN)");
                continue;
            }
            report.Accept();
            yield return new Occupation(soc, record[title].Trim(), description >= 0 ? record[description].Trim() : "")
            {
                AlternateTitles = alternates?.Lookup(soc).Select(r => r[alternateColumn].Trim()).Where(t => t.Length > 0).Distinct().ToArray() ?? [],
                Taxonomy = "onet",
            };
        }
    }

    /// <summary>Distinct technology skills (the "Example" column), with their commodity code as external id.</summary>
    public static IEnumerable<Skill> ReadTechnologySkills(string path, ReadReport report, CancellationToken cancellationToken = default)
    {
        using var file = CsvFile.Open(path, CsvOptions.Tsv, report);
        if (!file.RequireColumns(report, "Example", "Commodity Code")) yield break;
        int example = file.Header!.IndexOf("Example"), commodity = file.Header.IndexOf("Commodity Code");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = record[example].Trim();
            if (name.Length == 0)
            {
                report.Reject(file.Name, record.Line, "missing required field Example");
                continue;
            }
            report.Accept();
            if (seen.Add(name)) yield return new Skill(name) { Source = "onet", ExternalId = record[commodity].Trim() };
        }
    }

    /// <summary>Occupations (code, title, description) of an occupation data file, in file order (codes are not checked).</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="FormatException">A required column is missing or a row has another number of fields than the header; the message gives file:line.</exception>
    public static IReadOnlyList<Occupation> LoadOccupations(string path) =>
        [.. Rows(path, "oNETSOCCode", "title", "description").Select(f => new Occupation(f[0], f[1], f[2]))];

    /// <summary>(code, alternate title) rows of an alternate titles file (or one <see cref="WriteAlternateTitles"/> wrote), in file order,
    /// duplicates kept, rows with an empty title skipped.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="FormatException">A required column is missing or a row has another number of fields than the header; the message gives file:line.</exception>
    public static IReadOnlyList<TitleLabel> LoadAlternateTitles(string path) =>
        [.. Rows(path, "oNETSOCCode", "alternateTitle").Where(f => f[1].Length > 0).Select(f => new TitleLabel(f[0], f[1]))];

    /// <summary>Writes title labels in the alternate titles layout (header oNETSOCCode, alternateTitle, shortTitle, sources).</summary>
    public static void WriteAlternateTitles(string path, IEnumerable<TitleLabel> titles)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("oNETSOCCode\talternateTitle\tshortTitle\tsources");
        foreach (var t in titles) writer.WriteLine($"{t.Code}\t{t.Title.Replace('\t', ' ')}\tn/a\t");
    }

    private static IEnumerable<string[]> Rows(string path, params string[] columns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"O*NET file not found: {path}", path);
        var report = new ReadReport(maxIssues: 1);
        using var file = CsvFile.Open(path, CsvOptions.Tsv, report);
        if (file.Header is null) throw new FormatException($"{path}:1: {report.Issues.FirstOrDefault().Reason ?? "no header row"}");
        var index = columns.Select(c => file.Header.IndexOf(c)).ToArray();
        for (var c = 0; c < columns.Length; c++)
        {
            if (index[c] < 0) throw new FormatException($"{path}:1: missing column '{columns[c]}' (header: {string.Join('\t', file.Header.Names)})");
        }

        var record = new CsvRecord();
        while (true)
        {
            var read = file.ReadRow(record, report);
            if (report.Issues.Count > 0) throw new FormatException($"{path}:{report.Issues[0].Line}: {report.Issues[0].Reason}");
            if (!read) yield break;
            yield return [.. index.Select(i => record[i].Trim())];
        }
    }

    /// <summary>True for "NN-NNNN.NN".</summary>
    public static bool IsSocCode(string code) =>
        code.Length == 10 && code[2] == '-' && code[7] == '.' && code.Where((c, i) => i is not 2 and not 7).All(char.IsAsciiDigit);
}
