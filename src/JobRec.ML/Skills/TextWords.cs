namespace JobRec.ML.Skills;

/// <summary>Splits free text into words with character offsets, and words into sentence-sized chunks, the way SkillSpan is tokenised:
/// whitespace separates words, and brackets, quotes and sentence punctuation at a word's edges become words of their own ("(Python)." gives
/// "(", "Python", ")", "."); inner punctuation stays ("node.js", "m/f/d", "C++"). Control characters and U+FFFD count as whitespace.</summary>
public static class TextWords
{
    private const string Leading = "([{\"'“‘«";
    private const string Trailing = ".,;:!?)]}\"'”’»";

    /// <summary>The words of <paramref name="text"/> as (Start, Length) ranges, in order.</summary>
    public static List<(int Start, int Length)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<(int, int)>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i])) i++;
            int start = i;
            while (i < text.Length && !IsSpace(text[i])) i++;
            int end = i;
            if (end == start) continue;
            int s = start;
            while (s < end && Leading.Contains(text[s])) words.Add((s++, 1));
            int e = end;
            while (e > s && Trailing.Contains(text[e - 1])) e--;
            if (e > s) words.Add((s, e - s));
            for (int t = e; t < end; t++) words.Add((t, 1));
        }
        return words;
    }

    /// <summary>Groups word indexes into chunks for the tagger: a chunk ends after a word ".", "!" or "?", at a line break, or when it reaches
    /// <paramref name="maxWords"/> words. Each chunk is a [Start, End) range of word indexes.</summary>
    public static List<(int Start, int End)> Sentences(string text, IReadOnlyList<(int Start, int Length)> words, int maxWords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        var chunks = new List<(int, int)>();
        int first = 0;
        for (int w = 0; w < words.Count; w++)
        {
            bool end = w - first + 1 >= maxWords
                || (words[w].Length == 1 && text[words[w].Start] is '.' or '!' or '?')
                || (w + 1 < words.Count && text.AsSpan(words[w].Start + words[w].Length, words[w + 1].Start - words[w].Start - words[w].Length).Contains('\n'));
            if (end) { chunks.Add((first, w + 1)); first = w + 1; }
        }
        if (first < words.Count) chunks.Add((first, words.Count));
        return chunks;
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFFFD';
}
