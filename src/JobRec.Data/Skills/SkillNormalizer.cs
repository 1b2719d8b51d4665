using System.Text;

namespace JobRec.Data.Skills;

/// <summary>
/// Normalises skill names and text the same way for matching: lower case, punctuation to spaces, except the '+' and '#'
/// of "C++"/"C#" and a '.' inside or before a word ("node.js", ".net"); runs of spaces collapse to one.
/// </summary>
public static class SkillNormalizer
{
    /// <summary>The normalised form of <paramref name="text"/>, tokens separated by single spaces.</summary>
    public static string Normalize(string text) => string.Join(' ', Tokenize(text).Select(t => t.Token));

    /// <summary>The normalised tokens of <paramref name="text"/> with their start offset and length in the original text.</summary>
    public static List<(string Token, int Start, int Length)> Tokenize(string text)
    {
        var tokens = new List<(string, int, int)>();
        var sb = new StringBuilder();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var keep = char.IsLetterOrDigit(c)
                || ((c == '+' || c == '#') && start >= 0)
                || (c == '.' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && (start >= 0 || i == 0 || !char.IsLetterOrDigit(text[i - 1])));
            if (keep)
            {
                if (start < 0) start = i;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (start >= 0)
            {
                tokens.Add((sb.ToString(), start, i - start));
                sb.Clear();
                start = -1;
            }
        }
        return tokens;
    }
}
