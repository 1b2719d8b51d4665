namespace JobRec.Evaluation.Metrics;

/// <summary>Per-user ranking metrics of one recommendation list against the user's set of relevant items.</summary>
public static class RankingMetrics
{
    /// <summary>AP@K: the sum over hit ranks i ≤ K of precision@i, divided by min(|relevant|, K); 0 when nothing is relevant.</summary>
    public static double AveragePrecision<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        CheckK(k);
        if (relevant.Count == 0) return 0;
        int hits = 0;
        double sum = 0;
        int n = Math.Min(k, ranked.Count);
        for (int i = 0; i < n; i++)
        {
            if (!relevant.Contains(ranked[i]) || IsRepeat(ranked, i)) continue;
            hits++;
            sum += hits / (double)(i + 1);
        }
        return sum / Math.Min(relevant.Count, k);
    }

    /// <summary>Precision@K: hits in the first K positions divided by K.</summary>
    public static double Precision<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        CheckK(k);
        return Hits(ranked, relevant, k) / (double)k;
    }

    /// <summary>Recall@K: hits in the first K positions divided by |relevant|; 0 when nothing is relevant.</summary>
    public static double Recall<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        CheckK(k);
        return relevant.Count == 0 ? 0 : Hits(ranked, relevant, k) / (double)relevant.Count;
    }

    /// <summary>NDCG@K with binary gains: Σ_{hit i ≤ K} 1/log2(i+1) divided by the ideal Σ_{i ≤ min(|relevant|, K)} 1/log2(i+1).</summary>
    public static double Ndcg<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        CheckK(k);
        if (relevant.Count == 0) return 0;
        double dcg = 0, ideal = 0;
        int n = Math.Min(k, ranked.Count);
        for (int i = 0; i < n; i++)
            if (relevant.Contains(ranked[i]) && !IsRepeat(ranked, i)) dcg += 1 / Math.Log2(i + 2);
        for (int i = 0; i < Math.Min(relevant.Count, k); i++) ideal += 1 / Math.Log2(i + 2);
        return dcg / ideal;
    }

    /// <summary>Reciprocal rank: 1 / (position of the first relevant item), 0 when none is ranked (within K when given).</summary>
    public static double ReciprocalRank<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k = int.MaxValue)
    {
        CheckK(k);
        int n = Math.Min(k, ranked.Count);
        for (int i = 0; i < n; i++)
            if (relevant.Contains(ranked[i])) return 1.0 / (i + 1);
        return 0;
    }

    /// <summary>HitRate@K: 1 when at least one relevant item is in the first K positions, else 0.</summary>
    public static double HitRate<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        CheckK(k);
        return Hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    private static int Hits<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        int hits = 0, n = Math.Min(k, ranked.Count);
        for (int i = 0; i < n; i++)
            if (relevant.Contains(ranked[i]) && !IsRepeat(ranked, i)) hits++;
        return hits;
    }

    // A repeated item counts once: only its first position can be a hit.
    private static bool IsRepeat<T>(IReadOnlyList<T> ranked, int i)
    {
        var comparer = EqualityComparer<T>.Default;
        for (int j = 0; j < i; j++)
            if (comparer.Equals(ranked[j], ranked[i])) return true;
        return false;
    }

    private static void CheckK(int k)
    {
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1");
    }
}
