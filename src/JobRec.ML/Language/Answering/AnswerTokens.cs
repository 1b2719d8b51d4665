using System.Text;

namespace JobRec.ML.Language.Answering;

/// <summary>SQuAD-style answer normalisation: lower case, punctuation and the articles a/an/the removed, whitespace split.</summary>
public static class AnswerTokens
{
    /// <summary>The normalised tokens of <paramref name="text"/>.</summary>
    public static string[] Of(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (char ch in text.ToLowerInvariant()) cleaned.Append(char.IsPunctuation(ch) || char.IsSymbol(ch) ? ' ' : ch);
        return cleaned.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t is not ("a" or "an" or "the")).ToArray();
    }
}
