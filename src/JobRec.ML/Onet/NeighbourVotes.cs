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
}
