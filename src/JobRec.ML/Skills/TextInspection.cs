namespace JobRec.ML.Skills;

/// <summary>Cheap checks that tell binary data and non-English text from English prose before tagging.</summary>
public static class TextInspection
{
    /// <summary>Share of control (other than tab, CR, LF) and U+FFFD replacement characters above which a text counts as binary.</summary>
    public const double BinaryShare = 0.10;

    /// <summary>Share of letters outside the Latin script above which a text counts as non-English.</summary>
    public const double NonLatinShare = 0.5;

    /// <summary>Share of common English function words ("the", "and", "with", ...) among words below which a text of at least
    /// <see cref="MinWordsForLanguage"/> words counts as non-English.</summary>
    public const double EnglishWordShare = 0.06;

    /// <summary>Fewest words for the function-word check.</summary>
    public const int MinWordsForLanguage = 20;

    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        // Words that are not also common words of German, French, Spanish, Italian or Dutch ("in", "a", "on", "to" are).
        "the", "and", "of", "with", "for", "you", "is", "are", "our", "be", "or", "will", "we", "your", "this", "that", "have", "experience", "work",
    };

    /// <summary>Whether <paramref name="text"/> looks like binary data, and the share of control or replacement characters.</summary>
    public static (bool Binary, double Share) Binary(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return (false, 0);
        int bad = 0;
        foreach (var c in text)
            if ((char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c == '\uFFFD') bad++;
        double share = (double)bad / text.Length;
        return (share > BinaryShare, share);
    }

    /// <summary>A one-line reason why <paramref name="text"/> does not look like English, or null when it does (or is too short to tell).</summary>
    public static string? NonEnglishReason(ReadOnlySpan<char> text)
    {
        int letters = 0, nonLatin = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c > '\u024F') nonLatin++;
        }
        if (letters > 0 && (double)nonLatin / letters > NonLatinShare)
            return $"text looks non-English ({100.0 * nonLatin / letters:F0}% of letters outside the Latin script); the tagger was trained on English job postings";
        int words = 0, english = 0;
        foreach (var range in text.Split(' '))
        {
            var word = text[range].Trim(".,;:!?()\"'\n\r\t");
            if (word.IsEmpty) continue;
            words++;
            if (EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)) english++;
        }
        if (words >= MinWordsForLanguage && (double)english / words < EnglishWordShare)
            return $"text looks non-English ({english} of {words} words are common English words); the tagger was trained on English job postings";
        return null;
    }
}
