namespace JobRec.ML.Skills;

/// <summary>A baseline tagger: every span string seen in training (per layer, lower-cased words) tagged in new text by greedy longest match,
/// left to right, matches of one layer never overlapping.</summary>
public sealed class SpanGazetteer
{
    private readonly HashSet<string>[] _spans = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly int[] _longest = new int[2];

    /// <summary>Collects the gold spans of <paramref name="sentences"/>.</summary>
    public SpanGazetteer(IEnumerable<TaggedSentence> sentences)
    {
        foreach (var s in sentences)
            foreach (var kind in new[] { SkillSpanKind.Skill, SkillSpanKind.Knowledge })
                foreach (var (start, end) in BioTags.Spans(s.Layer(kind)))
                {
                    _spans[(int)kind].Add(Key(s.Tokens, start, end));
                    _longest[(int)kind] = Math.Max(_longest[(int)kind], end - start);
                }
    }

    /// <summary>Distinct span strings of a layer.</summary>
    public int Count(SkillSpanKind kind) => _spans[(int)kind].Count;

    /// <summary>BIO tags of one layer for <paramref name="tokens"/>.</summary>
    public byte[] Tag(string[] tokens, SkillSpanKind kind)
    {
        var tags = new byte[tokens.Length];
        var set = _spans[(int)kind];
        int i = 0;
        while (i < tokens.Length)
        {
            int match = 0;
            for (int length = Math.Min(_longest[(int)kind], tokens.Length - i); length >= 1; length--)
                if (set.Contains(Key(tokens, i, i + length))) { match = length; break; }
            if (match == 0) { i++; continue; }
            tags[i] = BioTags.B;
            for (int j = i + 1; j < i + match; j++) tags[j] = BioTags.I;
            i += match;
        }
        return tags;
    }

    private static string Key(string[] tokens, int start, int end) => string.Join(' ', tokens[start..end]).ToLowerInvariant();
}
