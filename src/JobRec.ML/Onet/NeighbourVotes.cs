namespace JobRec.ML.Onet;

/// <summary>Votes of a query's k nearest title entries for their occupations: each of the k entries with the highest score adds 1/k to its class,
/// so a class supported by several close titles stands out from one with a single close title.</summary>
public static class NeighbourVotes
{
    /// <summary>Number of neighbours that vote.</summary>
    public const int K = 10;

    /// <summary>Adds the votes of the k best of <paramref name="entries"/> (entry index, score) — entry e belonging to class owner[e] — to
    /// <paramref name="votes"/> (one value per class); ties keep the earlier entry. Entries with a score of 0 or less do not vote.</summary>
    public static void Tally(IEnumerable<(int Entry, float Score)> entries, IReadOnlyList<int> owner, Span<float> votes, int k = K)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var bestEntry = new int[k];
        var bestScore = new float[k];
        int count = 0;
        foreach (var (entry, score) in entries)
        {
            if (score <= 0 || (count == k && score <= bestScore[k - 1])) continue;
            int i = count < k ? count++ : k - 1;
            while (i > 0 && bestScore[i - 1] < score)
            {
                bestScore[i] = bestScore[i - 1];
                bestEntry[i] = bestEntry[i - 1];
                i--;
            }
            bestScore[i] = score;
            bestEntry[i] = entry;
        }
        for (int i = 0; i < count; i++) votes[owner[bestEntry[i]]] += 1f / k;
    }

    /// <summary>The same over a dense score row (entry e has score row[e]).</summary>
    public static void Tally(ReadOnlySpan<float> row, IReadOnlyList<int> owner, Span<float> votes, int k = K)
    {
        var copy = row.ToArray();
        Tally(Enumerable.Range(0, copy.Length).Select(e => (e, copy[e])), owner, votes, k);
    }

    /// <summary>The similarity-weighted vote of the <see cref="VoteSettings.Neighbours"/> best entries of a dense score row (entry e has cosine row[e] and
    /// belongs to class owner[e]): each adds exp((row[e] - best) / <see cref="VoteSettings.Temperature"/>) to its class, and the votes are divided by
    /// their sum, so <paramref name="votes"/> (one value per class, overwritten) sums to 1. Ties keep the earlier entry; an empty row leaves all 0.</summary>
    public static void Weighted(ReadOnlySpan<float> row, IReadOnlyList<int> owner, Span<float> votes, VoteSettings settings)
    {
        var (entries, scores) = Nearest(row, settings.Neighbours);
        Weighted(entries, scores, owner, votes, settings);
    }

    /// <summary>The weighted vote (as <see cref="Weighted(ReadOnlySpan{float}, IReadOnlyList{int}, Span{float}, VoteSettings)"/>) from the nearest
    /// entries already found, best first (<see cref="Nearest"/>); only the first <see cref="VoteSettings.Neighbours"/> vote.</summary>
    public static void Weighted(ReadOnlySpan<int> entries, ReadOnlySpan<float> scores, IReadOnlyList<int> owner, Span<float> votes, VoteSettings settings)
    {
        votes.Clear();
        int k = Math.Min(settings.Neighbours, entries.Length);
        if (k == 0) return;
        float best = scores[0], total = 0;
        for (int i = 0; i < k; i++)
        {
            float w = MathF.Exp((scores[i] - best) / settings.Temperature);
            votes[owner[entries[i]]] += w;
            total += w;
        }
        foreach (ref var v in votes) v /= total;
    }

    /// <summary>The <paramref name="k"/> highest entries of a dense score row, best first (ties: the earlier entry first).</summary>
    public static (int[] Entries, float[] Scores) Nearest(ReadOnlySpan<float> row, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        k = Math.Min(k, row.Length);
        var entries = new int[k];
        var scores = new float[k];
        int count = 0;
        for (int e = 0; e < row.Length; e++)
        {
            float score = row[e];
            if (count == k && !(score > scores[k - 1])) continue;
            int i = count < k ? count++ : k - 1;
            while (i > 0 && scores[i - 1] < score)
            {
                scores[i] = scores[i - 1];
                entries[i] = entries[i - 1];
                i--;
            }
            scores[i] = score;
            entries[i] = e;
        }
        return (entries, scores);
    }
}
