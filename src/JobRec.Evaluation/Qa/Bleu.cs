using JobRec.ML.Language.Answering;

namespace JobRec.Evaluation.Qa;

/// <summary>Corpus BLEU-4 (Papineni et al. 2002): clipped n-gram precisions for n = 1..4, geometric mean, brevity penalty; one reference per hypothesis.</summary>
public sealed class Bleu
{
    private readonly long[] _matches = new long[4], _totals = new long[4];
    private long _hypothesisLength, _referenceLength;

    /// <summary>Adds one hypothesis/reference pair to the corpus counts.</summary>
    public void Add(string hypothesis, string reference)
    {
        var h = AnswerTokens.Of(hypothesis);
        var r = AnswerTokens.Of(reference);
        _hypothesisLength += h.Length;
        _referenceLength += r.Length;
        for (int n = 1; n <= 4; n++)
        {
            var refCounts = NGrams(r, n).GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
            foreach (var gram in NGrams(h, n).GroupBy(g => g))
                _matches[n - 1] += Math.Min(gram.Count(), refCounts.GetValueOrDefault(gram.Key));
            _totals[n - 1] += Math.Max(0, h.Length - n + 1);
        }
    }

    /// <summary>BLEU-4 of everything added, in [0, 1]; 0 when any n-gram order has no match.</summary>
    public double Score()
    {
        double logSum = 0;
        for (int n = 0; n < 4; n++)
        {
            if (_matches[n] == 0 || _totals[n] == 0) return 0;
            logSum += Math.Log((double)_matches[n] / _totals[n]);
        }
        double brevity = _hypothesisLength >= _referenceLength ? 1 : Math.Exp(1 - (double)_referenceLength / Math.Max(1, _hypothesisLength));
        return brevity * Math.Exp(logSum / 4);
    }

    private static IEnumerable<string> NGrams(string[] tokens, int n)
    {
        for (int i = 0; i + n <= tokens.Length; i++) yield return string.Join('\u0001', tokens, i, n);
    }
}
