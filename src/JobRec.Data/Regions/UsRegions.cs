using System.Collections.Frozen;

namespace JobRec.Data.Regions;

/// <summary>Extracts the two-letter US state code from a free-text location, shared by every reader.</summary>
public static class UsRegions
{
    private static readonly FrozenDictionary<string, string> ByCode =
        UsState.All.ToFrozenDictionary(s => s.Code, s => s.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> ByName =
        UsState.All.ToFrozenDictionary(s => s.Name, s => s.Code, StringComparer.OrdinalIgnoreCase);

    // Longest names first so "West Virginia" wins over "Virginia", "New York" over "York".
    private static readonly (string Name, string Code)[] NamesLongestFirst =
        UsState.All.Select(s => (s.Name, s.Code))
            .Concat(UsCity.All.Where(c => c.Weight >= 1.0).Select(c => (c.Name, c.State)))
            .Concat([("Bay Area", "CA"), ("Silicon Valley", "CA"), ("Twin Cities", "MN"), ("Dallas-Fort Worth", "TX"), ("DFW", "TX")])
            .DistinctBy(p => p.Item1, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(p => p.Item1.Length).ToArray();

    private static readonly FrozenSet<string> ForeignCountries = new[]
    {
        "Canada", "Mexico", "United Kingdom", "UK", "England", "Scotland", "Wales", "Ireland", "Australia", "New Zealand", "India",
        "Germany", "France", "Spain", "Italy", "Netherlands", "Brazil", "China", "Japan", "Singapore", "Philippines",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="code"/> is a known two-letter state code.</summary>
    public static bool IsStateCode(string code) => code.Length == 2 && ByCode.ContainsKey(code);

    /// <summary>
    /// The state code of a location such as "Austin, TX", "Texas, United States", "TX 78701" or "Greater Seattle Area";
    /// empty when the location names no US state (e.g. "Remote", "United States", "London, UK").
    /// </summary>
    public static string FromLocation(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return "";
        // Fast path for the common "City, ST".
        if (location.Length >= 5 && location[^3] == ' ' && location[^4] == ',' && char.IsAsciiLetterUpper(location[^2]) && char.IsAsciiLetterUpper(location[^1])
            && ByCode.TryGetValue(location[^2..], out var fast))
        {
            return fast;
        }
        var parts = location.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && ForeignCountries.Contains(parts[^1])) return "";
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            var part = parts[i];
            if (part.Length == 2 && char.IsUpper(part[0]) && char.IsUpper(part[1]) && ByCode.ContainsKey(part)) return part.ToUpperInvariant();
            if (ByName.TryGetValue(part, out var code)) return code;
            var space = part.IndexOf(' ');
            if (space == 2 && char.IsUpper(part[0]) && char.IsUpper(part[1]) && ByCode.ContainsKey(part[..2]) && part[3..].Trim().All(char.IsAsciiDigit))
                return part[..2];
        }
        foreach (var (name, code) in NamesLongestFirst)
        {
            var at = location.IndexOf(name, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                var startOk = at == 0 || !char.IsLetter(location[at - 1]);
                var end = at + name.Length;
                var endOk = end == location.Length || !char.IsLetter(location[end]);
                if (startOk && endOk) return code;
                at = location.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase);
            }
        }
        return "";
    }
}
