using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>The sparse lexical features of a job title: lower-cased words, adjacent-word bigrams, the head word (last word outside
/// parentheses) and character 3- to 5-grams of each word with boundary marks, as strings with a kind prefix.</summary>
public static class TitleNgrams
{
    /// <summary>Shortest character n-gram.</summary>
    public const int MinCharGram = 3;
    /// <summary>Longest character n-gram.</summary>
    public const int MaxCharGram = 5;

    /// <summary>The features of <paramref name="title"/> (duplicates possible); empty for a title without letters or digits.</summary>
    public static IEnumerable<string> Of(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = TfIdfIndex.Tokenize(title).ToList();
        string? previous = null;
        foreach (var word in words)
        {
            yield return "w:" + word;
            if (previous is not null) yield return "b:" + previous + "_" + word;
            previous = word;
            var marked = "<" + word + ">";
            for (int n = MinCharGram; n <= MaxCharGram; n++)
                for (int i = 0; i + n <= marked.Length; i++)
                    if (n < marked.Length) yield return "c:" + marked.Substring(i, n);
        }
        var head = HeadWord(title);
        if (head is not null) yield return "h:" + head;
    }

    /// <summary>The last word outside parentheses (the noun a job title usually ends in), or the last word at all; null when there is none.</summary>
    public static string? HeadWord(string title)
    {
        int depth = 0;
        var outside = new System.Text.StringBuilder(title.Length);
        foreach (var ch in title)
        {
            if (ch == '(') depth++;
            else if (ch == ')') depth = Math.Max(0, depth - 1);
            else outside.Append(depth == 0 ? ch : ' ');
        }
        return TfIdfIndex.Tokenize(outside.ToString()).LastOrDefault() ?? TfIdfIndex.Tokenize(title).LastOrDefault();
    }
}
