using JobRec.Data.Model;

namespace JobRec.ML.Onet;

/// <summary>Reads the O*NET text-database TSV files this project uses (OccupationData, AlternateTitles), columns found by header name.</summary>
public static class OnetTsvReader
{
    /// <summary>Occupations (code, title, description) from ONET.OccupationData.tsv.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="FormatException">A required column is missing or a row has too few fields; the message gives file:line.</exception>
    public static IReadOnlyList<Occupation> ReadOccupations(string path)
    {
        var result = new List<Occupation>();
        foreach (var (line, f) in Rows(path, "oNETSOCCode", "title", "description"))
            result.Add(new Occupation(f[0], f[1], f[2]));
        return result;
    }

    /// <summary>(code, alternate title) rows from ONET.AlternateTitles.tsv (or a file with the same columns).</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="FormatException">A required column is missing or a row has too few fields; the message gives file:line.</exception>
    public static IReadOnlyList<TitleLabel> ReadAlternateTitles(string path)
    {
        var result = new List<TitleLabel>();
        foreach (var (line, f) in Rows(path, "oNETSOCCode", "alternateTitle"))
            if (f[1].Length > 0) result.Add(new TitleLabel(f[0], f[1]));
        return result;
    }

    /// <summary>Writes title labels in the AlternateTitles column layout (header oNETSOCCode, alternateTitle, shortTitle, sources).</summary>
    public static void WriteAlternateTitles(string path, IEnumerable<TitleLabel> titles)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("oNETSOCCode\talternateTitle\tshortTitle\tsources");
        foreach (var t in titles) writer.WriteLine($"{t.Code}\t{t.Title.Replace('\t', ' ')}\tn/a\t");
    }

    private static IEnumerable<(int Line, string[] Fields)> Rows(string path, params string[] columns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"O*NET file not found: {path}", path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new FormatException($"{path}:1: empty file, expected a header row");
        var names = header.TrimStart('\uFEFF').Split('\t');
        var index = new int[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            index[c] = Array.FindIndex(names, n => string.Equals(n.Trim(), columns[c], StringComparison.OrdinalIgnoreCase));
            if (index[c] < 0) throw new FormatException($"{path}:1: missing column '{columns[c]}' (header: {header})");
        }
        int lineNumber = 1;
        for (string? line; (line = reader.ReadLine()) is not null; )
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var parts = line.Split('\t');
            var fields = new string[columns.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                if (index[c] >= parts.Length)
                    throw new FormatException($"{path}:{lineNumber}: row has {parts.Length} fields, column '{columns[c]}' is field {index[c] + 1}");
                fields[c] = parts[index[c]].Trim();
            }
            yield return (lineNumber, fields);
        }
    }
}
