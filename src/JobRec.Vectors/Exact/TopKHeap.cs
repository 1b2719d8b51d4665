namespace JobRec.Vectors.Exact;

/// <summary>Keeps the k best (score, id) pairs seen so far in a min-heap: higher score wins, lower id breaks ties.</summary>
internal sealed class TopKHeap
{
    // One spare heap per thread for searches that run to completion on it (no await inside), so a search allocates no heap.
    [ThreadStatic]
    private static TopKHeap? t_spare;

    private float[] _scores;
    private long[] _ids;
    private int _k;
    private int _count;

    /// <summary>Creates an empty heap holding at most <paramref name="k"/> entries.</summary>
    public TopKHeap(int k)
    {
        _scores = new float[k];
        _ids = new long[k];
        _k = k;
    }

    /// <summary>Lowest score kept once the heap is full; negative infinity before.</summary>
    public float Threshold => _count == _k ? _scores[0] : float.NegativeInfinity;

    /// <summary>An empty heap of <paramref name="k"/> entries: this thread's spare one (grown when too small) or a new one. Hand it
    /// back with <see cref="Return"/> on the same thread.</summary>
    public static TopKHeap Rent(int k)
    {
        var heap = t_spare;
        if (heap is null)
        {
            return new TopKHeap(k);
        }

        t_spare = null;
        if (heap._scores.Length < k)
        {
            heap._scores = new float[k];
            heap._ids = new long[k];
        }

        heap._k = k;
        heap._count = 0;
        return heap;
    }

    /// <summary>Makes a rented heap this thread's spare again; it must not be used after.</summary>
    public static void Return(TopKHeap heap) => t_spare = heap;

    /// <summary>Empties the heap for the next query.</summary>
    public void Clear() => _count = 0;

    /// <summary>Offers a candidate; keeps it if it beats the worst kept entry.</summary>
    public void Offer(float score, long id)
    {
        if (_count < _k)
        {
            var i = _count++;
            _scores[i] = score;
            _ids[i] = id;
            SiftUp(i);
        }
        else if (Better(score, id, _scores[0], _ids[0]))
        {
            _scores[0] = score;
            _ids[0] = id;
            SiftDown(0);
        }
    }

    /// <summary>Writes the kept entries best-first into the destinations, padding with id -1 and score negative infinity, and empties the heap.</summary>
    public void DrainDescending(Span<long> ids, Span<float> scores)
    {
        ids.Fill(-1);
        scores.Fill(float.NegativeInfinity);
        while (_count > 0)
        {
            var last = --_count;
            ids[last] = _ids[0];
            scores[last] = _scores[0];
            _scores[0] = _scores[last];
            _ids[0] = _ids[last];
            SiftDown(0);
        }
    }

    private static bool Better(float score, long id, float otherScore, long otherId) =>
        score > otherScore || (score == otherScore && id < otherId);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Better(_scores[parent], _ids[parent], _scores[i], _ids[i]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < _count && Better(_scores[left], _ids[left], _scores[right], _ids[right]))
            {
                worst = right;
            }

            if (!Better(_scores[i], _ids[i], _scores[worst], _ids[worst]))
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
    }
}
