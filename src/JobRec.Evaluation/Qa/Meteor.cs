using JobRec.ML.Language.Answering;

namespace JobRec.Evaluation.Qa;

/// <summary>METEOR (Banerjee and Lavie 2005) with exact unigram matching only (no stemming or synonym stages): Fmean = 10PR/(R+9P) times (1 - 0.5 (chunks/matches)^3).</summary>
public static class Meteor
{
    /// <summary>METEOR of one pair; 1 when both are empty.</summary>
    public static double Score(string hypothesis, string reference)
    {
        var h = AnswerTokens.Of(hypothesis);
        var r = AnswerTokens.Of(reference);
        if (h.Length == 0 || r.Length == 0) return h.Length == r.Length ? 1 : 0;
        // align each hypothesis token to the first unused equal reference token, left to right
        var used = new bool[r.Length];
        var alignment = new int[h.Length];
        int matches = 0;
        for (int i = 0; i < h.Length; i++)
        {
            alignment[i] = -1;
            for (int j = 0; j < r.Length; j++)
                if (!used[j] && h[i] == r[j]) { used[j] = true; alignment[i] = j; matches++; break; }
        }
        if (matches == 0) return 0;
        int chunks = 0, previous = -2;
        for (int i = 0; i < h.Length; i++)
        {
            if (alignment[i] < 0) { previous = -2; continue; }
            if (alignment[i] != previous + 1) chunks++;
            previous = alignment[i];
        }
        double precision = (double)matches / h.Length, recall = (double)matches / r.Length;
        double fmean = 10 * precision * recall / (recall + 9 * precision);
        double penalty = 0.5 * Math.Pow((double)chunks / matches, 3);
        return fmean * (1 - penalty);
    }
}
