using JobRec.ML.Language.Answering;

namespace JobRec.Evaluation.Qa;

/// <summary>Exact match and token F1 between a predicted and a reference answer, on normalised tokens.</summary>
public static class AnswerOverlap
{
    /// <summary>1 when the normalised token sequences are equal, else 0.</summary>
    public static double ExactMatch(string prediction, string reference) =>
        AnswerTokens.Of(prediction).SequenceEqual(AnswerTokens.Of(reference)) ? 1 : 0;

    /// <summary>Harmonic mean of token precision and recall (multiset overlap); 1 when both are empty.</summary>
    public static double TokenF1(string prediction, string reference)
    {
        var p = AnswerTokens.Of(prediction);
        var r = AnswerTokens.Of(reference);
        if (p.Length == 0 || r.Length == 0) return p.Length == r.Length ? 1 : 0;
        var counts = r.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        int common = 0;
        foreach (var t in p)
            if (counts.TryGetValue(t, out int c) && c > 0) { counts[t] = c - 1; common++; }
        if (common == 0) return 0;
        double precision = (double)common / p.Length, recall = (double)common / r.Length;
        return 2 * precision * recall / (precision + recall);
    }
}
