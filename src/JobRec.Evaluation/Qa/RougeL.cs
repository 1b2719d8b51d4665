using JobRec.ML.Language.Answering;

namespace JobRec.Evaluation.Qa;

/// <summary>ROUGE-L (Lin 2004): F-measure (beta = 1) of the longest common subsequence of normalised tokens.</summary>
public static class RougeL
{
    /// <summary>ROUGE-L F1 of one pair; 1 when both are empty.</summary>
    public static double Score(string hypothesis, string reference)
    {
        var h = AnswerTokens.Of(hypothesis);
        var r = AnswerTokens.Of(reference);
        if (h.Length == 0 || r.Length == 0) return h.Length == r.Length ? 1 : 0;
        int lcs = LongestCommonSubsequence(h, r);
        if (lcs == 0) return 0;
        double precision = (double)lcs / h.Length, recall = (double)lcs / r.Length;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Length of the longest common subsequence.</summary>
    public static int LongestCommonSubsequence(string[] a, string[] b)
    {
        var row = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = 0;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : Math.Max(row[j], row[j - 1]);
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
