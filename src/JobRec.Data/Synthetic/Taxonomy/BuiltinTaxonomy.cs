using System.Globalization;

namespace JobRec.Data.Synthetic.Taxonomy;

/// <summary>The synthetic market's built-in taxonomy: 120 occupations across all 22 major O*NET-SOC groups.</summary>
public static class BuiltinTaxonomy
{
    /// <summary>Every occupation, in table order.</summary>
    public static IReadOnlyList<SyntheticOccupation> Occupations { get; } = Parse();

    /// <summary>Seniority levels from least to most senior, as used on <see cref="Model.JobPosting.Level"/>.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["internship", "entry", "associate", "mid-senior", "director", "executive"];

    private static List<SyntheticOccupation> Parse()
    {
        var list = new List<SyntheticOccupation>();
        foreach (var line in BuiltinOccupationTable.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('|');
            if (f.Length != 7) throw new FormatException($"built-in occupation table line '{line}' has {f.Length} fields, expected 7");
            list.Add(new SyntheticOccupation(list.Count, f[0], f[1], f[2].Split(';'), f[3].Split(';'),
                decimal.Parse(f[4], CultureInfo.InvariantCulture) * 1000m, double.Parse(f[5], CultureInfo.InvariantCulture), f[6]));
        }
        return list;
    }
}
