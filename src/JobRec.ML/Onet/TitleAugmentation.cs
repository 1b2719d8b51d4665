using System.Text.RegularExpressions;
using JobRec.Data.Model;

namespace JobRec.ML.Onet;

/// <summary>Extra training titles derived from the occupation titles, each labelled with its occupation's code: the singular form
/// ("Registered Nurses" -> "Registered Nurse"), the part before a qualifying comma ("Education Administrators, Postsecondary" ->
/// "Education Administrator") and the members of a list ("Accountants and Auditors" -> "Accountant", "Auditor").</summary>
public static partial class TitleAugmentation
{
    /// <summary>The derived titles of <paramref name="occupations"/>, distinct per (code, lower-cased title) and
    /// never equal (case-insensitive) to a title in <paramref name="training"/> under the same code or to any title in <paramref name="excluded"/>
    /// (the held-out titles: a derived string must not bring a held-out title back into training).</summary>
    public static IReadOnlyList<TitleLabel> Derive(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> training, IReadOnlySet<string>? excluded = null)
    {
        var seen = new HashSet<string>(training.Select(t => Key(t.Code, t.Title)), StringComparer.Ordinal);
        foreach (var o in occupations) seen.Add(Key(o.Code, o.Title));
        var result = new List<TitleLabel>();
        void Add(string code, string title)
        {
            title = Spaces().Replace(title, " ").Trim(' ', ',', '-', '/');
            if (title.Length < 2 || !title.Any(char.IsLetter)) return;
            if (excluded is not null && excluded.Contains(title)) return;
            if (seen.Add(Key(code, title))) result.Add(new TitleLabel(code, title));
        }
        foreach (var o in occupations)
            foreach (var title in FromOccupationTitle(o.Title)) Add(o.Code, title);
        return result;
    }

    /// <summary>Singular forms of an occupation title: the whole title, the part before a qualifying comma (when it ends in a plural noun), and each member of a list whose members
    /// all end in a plural noun.</summary>
    public static IEnumerable<string> FromOccupationTitle(string title)
    {
        yield return SingularHead(title);
        int comma = title.IndexOf(',');
        var main = comma > 0 ? title[..comma] : title;
        if (comma > 0 && IsPlural(LastWord(main))) yield return SingularHead(main);
        var parts = ListSeparator().Split(title).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        if (parts.Length > 1 && parts.All(p => IsPlural(LastWord(p))))
            foreach (var p in parts) yield return SingularHead(p.StartsWith("Other ", StringComparison.OrdinalIgnoreCase) ? p[6..] : p);
    }

    /// <summary>The title with its last word singular ("Registered Nurses" -> "Registered Nurse").</summary>
    public static string SingularHead(string title)
    {
        title = title.Trim();
        int space = title.LastIndexOf(' ');
        return title[..(space + 1)] + Singular(title[(space + 1)..]);
    }

    /// <summary>A simple English singular of a plural noun (unchanged when it does not look plural).</summary>
    public static string Singular(string word)
    {
        if (word.EndsWith("men", StringComparison.OrdinalIgnoreCase) && word.Length > 3) return word[..^3] + (char.IsUpper(word[^2]) ? "MAN" : "man");
        if (!IsPlural(word)) return word;
        if (word.EndsWith("ies", StringComparison.OrdinalIgnoreCase) && word.Length > 4) return word[..^3] + "y";
        if (word.EndsWith("sses", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ches", StringComparison.OrdinalIgnoreCase)
            || word.EndsWith("shes", StringComparison.OrdinalIgnoreCase) || word.EndsWith("xes", StringComparison.OrdinalIgnoreCase)) return word[..^2];
        return word[..^1];
    }

    private static bool IsPlural(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.OrdinalIgnoreCase)
        && !word.EndsWith("us", StringComparison.OrdinalIgnoreCase) && !word.EndsWith("is", StringComparison.OrdinalIgnoreCase);

    private static string LastWord(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";

    private static string Key(string code, string title) => code + "|" + title.Trim().ToLowerInvariant();

    [GeneratedRegex(@",\s*and\s+|,\s*|\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
