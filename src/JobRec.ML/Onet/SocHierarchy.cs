namespace JobRec.ML.Onet;

/// <summary>The groups of the SOC hierarchy an O*NET-SOC code belongs to: major (<c>51</c>), minor (<c>51-9</c>), broad (<c>51-906</c>) and
/// detailed (<c>51-9061</c>) group of <c>51-9061.00</c>; codes of another shape belong to no group.</summary>
public static class SocHierarchy
{
    private static readonly int[] PrefixLengths = [2, 4, 6, 7];

    /// <summary>Group ids (0..count-1) of each code, every group having at least two member codes (a group of one adds nothing to its code).</summary>
    public static (int[][] GroupsOfCode, int Count) Groups(IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var members = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefixes = codes.Select(Prefixes).ToArray();
        foreach (var list in prefixes) foreach (var p in list) members[p] = members.GetValueOrDefault(p) + 1;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new int[codes.Count][];
        for (int c = 0; c < codes.Count; c++)
            groups[c] = prefixes[c].Where(p => members[p] >= 2).Select(p => ids.TryGetValue(p, out var id) ? id : ids[p] = ids.Count).ToArray();
        return (groups, ids.Count);
    }

    private static string[] Prefixes(string code)
    {
        // Shape: dd-dddd(.dd)
        if (code.Length < 7 || code[2] != '-' || !char.IsAsciiDigit(code[0]) || !char.IsAsciiDigit(code[1])) return [];
        for (int i = 3; i < 7; i++) if (!char.IsAsciiDigit(code[i])) return [];
        return PrefixLengths.Select(n => "g" + n + ":" + code[..n]).ToArray();
    }
}
