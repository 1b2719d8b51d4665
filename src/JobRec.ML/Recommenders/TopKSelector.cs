namespace JobRec.ML.Recommenders;

/// <summary>Selects the indices of the k largest scores, best first; ties go to the smaller index.</summary>
public static class TopKSelector
{
    /// <summary>Indices of the k largest finite scores, skipping <paramref name="exclude"/> and NaN / negative-infinity scores.</summary>
    public static int[] Select(ReadOnlySpan<float> scores, int k, IReadOnlySet<int>? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0) return [];
        // Min-heap of (score, index) holding the best k seen so far; the root is the worst kept.
        var heapScores = new float[k];
        var heapIndex = new int[k];
        int size = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];
            if (float.IsNaN(s) || float.IsNegativeInfinity(s)) continue;
            if (exclude is not null && exclude.Contains(i)) continue;
            if (size < k)
            {
                heapScores[size] = s; heapIndex[size] = i; size++;
                SiftUp(heapScores, heapIndex, size - 1);
            }
            else if (Better(s, i, heapScores[0], heapIndex[0]))
            {
                heapScores[0] = s; heapIndex[0] = i;
                SiftDown(heapScores, heapIndex, size);
            }
        }
        var result = new int[size];
        for (int n = size; n > 0; n--)
        {
            result[n - 1] = heapIndex[0];
            heapScores[0] = heapScores[n - 1]; heapIndex[0] = heapIndex[n - 1];
            SiftDown(heapScores, heapIndex, n - 1);
        }
        return result;
    }

    // a is better than b when its score is higher, or equal with a smaller index.
    private static bool Better(float sa, int ia, float sb, int ib) => sa > sb || (sa == sb && ia < ib);

    private static void SiftUp(float[] s, int[] idx, int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Better(s[parent], idx[parent], s[i], idx[i])) break;
            (s[parent], s[i]) = (s[i], s[parent]);
            (idx[parent], idx[i]) = (idx[i], idx[parent]);
            i = parent;
        }
    }

    private static void SiftDown(float[] s, int[] idx, int size)
    {
        int i = 0;
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, worst = i;
            if (l < size && Better(s[worst], idx[worst], s[l], idx[l])) worst = l;
            if (r < size && Better(s[worst], idx[worst], s[r], idx[r])) worst = r;
            if (worst == i) return;
            (s[worst], s[i]) = (s[i], s[worst]);
            (idx[worst], idx[i]) = (idx[i], idx[worst]);
            i = worst;
        }
    }
}
