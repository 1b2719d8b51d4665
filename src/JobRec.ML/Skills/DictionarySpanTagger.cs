using JobRec.Data.Skills;

namespace JobRec.ML.Skills;

/// <summary>The project's dictionary matcher (<see cref="SkillMatcher"/>: vocabulary names and aliases, longest match) as a span tagger over
/// tokenised sentences: the words are joined by spaces, matched, and each match becomes a span of the words it covers. The dictionary does not tell
/// skills from knowledge; its spans are reported in the knowledge layer (they are mostly tools and technologies) and the skill layer stays empty.</summary>
public sealed class DictionarySpanTagger(SkillMatcher matcher)
{
    /// <summary>Knowledge-layer BIO tags of <paramref name="tokens"/>.</summary>
    public byte[] Tag(string[] tokens)
    {
        var starts = new int[tokens.Length];
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < tokens.Length; i++)
        {
            if (i > 0) text.Append(' ');
            starts[i] = text.Length;
            text.Append(tokens[i]);
        }
        var tags = new byte[tokens.Length];
        foreach (var match in matcher.FindAll(text.ToString()))
        {
            int first = WordAt(starts, match.Start), last = WordAt(starts, match.Start + match.Length - 1);
            if (tags.AsSpan(first, last - first + 1).ContainsAnyExcept(BioTags.O)) continue;
            tags[first] = BioTags.B;
            for (int j = first + 1; j <= last; j++) tags[j] = BioTags.I;
        }
        return tags;
    }

    private static int WordAt(int[] starts, int offset)
    {
        int index = Array.BinarySearch(starts, offset);
        return index >= 0 ? index : ~index - 1;
    }
}
