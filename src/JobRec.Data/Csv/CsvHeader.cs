namespace JobRec.Data.Csv;

/// <summary>Column names of a delimited file, looked up by a normalised name (case, spaces and punctuation ignored).</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    /// <summary>Builds the lookup from the header record's fields.</summary>
    public CsvHeader(IReadOnlyList<string> names)
    {
        Names = names.ToArray();
        for (var i = 0; i < Names.Count; i++) _byName.TryAdd(Normalize(Names[i]), i);
    }

    /// <summary>The column names as written.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of columns.</summary>
    public int Count => Names.Count;

    /// <summary>Index of the first column whose normalised name equals one of <paramref name="names"/>, or -1.</summary>
    public int IndexOf(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_byName.TryGetValue(Normalize(name), out var index)) return index;
        }
        return -1;
    }

    /// <summary>Lower-case letters and digits only: "O*NET-SOC Code", "oNETSOCCode" and "onet_soc_code" are one name.</summary>
    public static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        var n = 0;
        foreach (var c in name)
        {
            if (n == buffer.Length) break;
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }
}
