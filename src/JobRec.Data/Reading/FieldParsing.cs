using System.Globalization;

namespace JobRec.Data.Reading;

/// <summary>Lenient parsers for the field formats the public sources use (NA markers, epoch milliseconds, "x.0" ids).</summary>
public static class FieldParsing
{
    /// <summary>Trims and maps the missing-value markers "NA", "N/A", "null", "nan" to empty.</summary>
    public static string Clean(string value)
    {
        var v = value.Trim();
        return v.Length <= 4 && (v.Equals("NA", StringComparison.OrdinalIgnoreCase) || v.Equals("N/A", StringComparison.OrdinalIgnoreCase)
            || v.Equals("null", StringComparison.OrdinalIgnoreCase) || v.Equals("nan", StringComparison.OrdinalIgnoreCase)) ? "" : v;
    }

    /// <summary>An id written as "123" or "123.0" becomes "123"; other text is returned trimmed.</summary>
    public static string Id(string value)
    {
        var v = value.Trim();
        return v.EndsWith(".0", StringComparison.Ordinal) && v.Length > 2 && v[..^2].All(char.IsAsciiDigit) ? v[..^2] : v;
    }

    /// <summary>Parses a decimal number, or null when empty or not a number.</summary>
    public static decimal? Decimal(string value) =>
        decimal.TryParse(Clean(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>Parses a date/time ("2024-01-15", "2014-12-12 20:08:50 UTC", ISO 8601, or epoch milliseconds); null when it cannot.</summary>
    public static DateTimeOffset? Time(string value)
    {
        var v = Clean(value);
        if (v.Length == 0) return null;
        if (v.Length == 10 && v[4] == '-' && v[7] == '-' && TryDigits(v, 0, 4, out var y) && TryDigits(v, 5, 2, out var m) && TryDigits(v, 8, 2, out var d)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(Math.Max(1, y), m) && y >= 1)
        {
            return new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero);
        }
        if (v.EndsWith(" UTC", StringComparison.Ordinal)) v = v[..^4] + "Z";
        if (v.All(c => char.IsAsciiDigit(c) || c == '.') && v.Length >= 11 && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }
        return DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
    }

    private static bool TryDigits(string s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    /// <summary>Splits a list field ("a, b, c") into trimmed, non-empty, case-insensitively distinct items.</summary>
    public static IReadOnlyList<string> List(string value, char separator = ',')
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<string>();
        foreach (var part in value.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (seen.Add(part)) items.Add(part);
        }
        return items;
    }
}
