namespace JobRec.ML.Skills;

/// <summary>BIO tag codes (O = 0, B = 1, I = 2), span extraction and constrained decoding for one tag layer.</summary>
public static class BioTags
{
    /// <summary>Outside any span.</summary>
    public const byte O = 0;

    /// <summary>First word of a span.</summary>
    public const byte B = 1;

    /// <summary>Later word of a span.</summary>
    public const byte I = 2;

    /// <summary>Tags per layer.</summary>
    public const int Count = 3;

    /// <summary>The code of a tag string: "O", "B" or "I", optionally followed by "-" and a label ("B-Skill").</summary>
    /// <exception cref="FormatException">Any other string; the message names it.</exception>
    public static byte Parse(string tag) => tag switch
    {
        "O" => O,
        ['B', ..] when tag.Length == 1 || tag[1] == '-' => B,
        ['I', ..] when tag.Length == 1 || tag[1] == '-' => I,
        _ => throw new FormatException($"not a BIO tag: '{tag}'"),
    };

    /// <summary>The spans of a tag sequence as [Start, End) word ranges, in order. A span starts at B, or at an I that follows O or the
    /// sentence start (the CoNLL convention), and runs over the following I tags.</summary>
    public static List<(int Start, int End)> Spans(ReadOnlySpan<byte> tags)
    {
        var spans = new List<(int, int)>();
        int start = -1;
        for (int i = 0; i < tags.Length; i++)
        {
            byte t = tags[i];
            if (t == B || (t == I && start < 0))
            {
                if (start >= 0) spans.Add((start, i));
                start = i;
            }
            else if (t == O && start >= 0)
            {
                spans.Add((start, i));
                start = -1;
            }
        }
        if (start >= 0) spans.Add((start, tags.Length));
        return spans;
    }

    /// <summary>The most probable tag sequence under the BIO constraint (no I after O or at the start) from per-word log-probabilities
    /// (<paramref name="logProbabilities"/>[w * stride + offset + tag]), by Viterbi decoding; ties keep the lower tag code.</summary>
    public static byte[] Decode(ReadOnlySpan<float> logProbabilities, int words, int stride, int offset)
    {
        var tags = new byte[words];
        if (words == 0) return tags;
        var score = new float[Count];
        var next = new float[Count];
        var back = new byte[words * Count];
        for (int t = 0; t < Count; t++) score[t] = t == I ? float.NegativeInfinity : logProbabilities[offset + t];
        for (int w = 1; w < words; w++)
        {
            for (int t = 0; t < Count; t++)
            {
                byte best = 0;
                float bestScore = float.NegativeInfinity;
                for (byte p = 0; p < Count; p++)
                {
                    if (t == I && p == O) continue;
                    if (score[p] > bestScore) (best, bestScore) = (p, score[p]);
                }
                back[w * Count + t] = best;
                next[t] = bestScore + logProbabilities[w * stride + offset + t];
            }
            (score, next) = (next, score);
        }
        byte last = 0;
        for (byte t = 1; t < Count; t++) if (score[t] > score[last]) last = t;
        for (int w = words - 1; w >= 0; w--)
        {
            tags[w] = last;
            last = back[w * Count + last];
        }
        return tags;
    }
}
