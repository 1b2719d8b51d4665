using System.Buffers;
using JobRec.Vectors.Exact;
using JobRec.Vectors.Index;

namespace JobRec.Vectors.Ivf;

/// <summary>
/// Managed inverted-file (IVF) inner-product index: vectors are clustered by spherical k-means into about sqrt(n) lists and a
/// search scans only the lists of the centroids nearest the query (at least <see cref="InvertedFileOptions.MinProbes"/>, and enough
/// to have scanned <see cref="InvertedFileOptions.MinScannedPerResult"/> vectors per result). Until it holds
/// <see cref="InvertedFileOptions.MinTrainSize"/> vectors it is exact; it re-clusters itself as it grows, and adds, removes and
/// searches need no separate training step.
/// </summary>
/// <remarks>Thread safety: searches run concurrently; add and remove take an exclusive lock.</remarks>
public sealed class InvertedFileIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly InvertedFileOptions _options;
    private readonly Dictionary<long, (int List, int Row)> _where = [];
    private readonly Random _random;
    private InvertedList[] _lists;
    private float[]? _centroids;
    // With code lists the centroids are scored from codes too (a quarter of the bytes per search); null otherwise.
    private sbyte[]? _centroidCodes;
    private float[]? _centroidScales;
    private int _trainedAt;
    private bool _disposed;

    /// <summary>Creates an empty index of <paramref name="dimension"/>-vectors.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dimension or an option is out of range.</exception>
    public InvertedFileIndex(int dimension, InvertedFileOptions? options = null)
    {
        VectorArguments.RequireDimension(dimension);
        _options = options ?? new InvertedFileOptions();
        _options.Validate();
        if (_options.Encoding == InvertedListEncoding.Int8 && dimension > Int8Codes.MaxDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"int8 inverted lists hold at most {Int8Codes.MaxDimension} dimensions");
        }

        Dimension = dimension;
        _random = new Random(_options.Seed);
        _lists = [new InvertedList(dimension, _options.Encoding)];
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public long Count => Read(() => (long)_where.Count);

    /// <summary>Number of lists (1 while the index is still exact).</summary>
    public int ListCount => Read(() => _lists.Length);

    /// <summary>True once the vectors have been clustered (searches then probe lists instead of scanning everything).</summary>
    public bool IsClustered => Read(() => _centroids is not null);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An id is negative, already present or repeated in the batch.</exception>
    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        VectorArguments.RequireAdd(vectors, ids, Dimension);
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            VectorArguments.RequireNewIds(ids, _where);

            for (var i = 0; i < ids.Length; i++)
            {
                var vector = vectors.Slice(i * Dimension, Dimension);
                var list = _centroids is null ? 0 : SphericalKMeans.Nearest(_centroids, Dimension, vector);
                _where[ids[i]] = (list, _lists[list].Add(vector, ids[i]));
            }

            var count = _where.Count;
            if ((_centroids is null && count >= _options.MinTrainSize) || (_centroids is not null && count >= _trainedAt * _options.RetrainGrowth))
            {
                Cluster();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public long Remove(ReadOnlySpan<long> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            long removed = 0;
            foreach (var id in ids)
            {
                if (!_where.Remove(id, out var at))
                {
                    continue;
                }

                var moved = _lists[at.List].RemoveAt(at.Row);
                if (moved >= 0)
                {
                    _where[moved] = at;
                }

                removed++;
            }

            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A dimension mismatch or a NaN/infinite query value.</exception>
    public SearchResult Search(ReadOnlySpan<float> queries, int k)
    {
        VectorArguments.RequireK(k);
        var queryCount = VectorArguments.RequireRows(queries, Dimension, nameof(queries));
        var resultIds = new long[(long)queryCount * k];
        var resultScores = new float[(long)queryCount * k];
        float[]? centroidScores = null;
        short[]? queryCodes = _options.Encoding == InvertedListEncoding.Int8 ? ArrayPool<short>.Shared.Rent(Dimension) : null;
        TopKHeap? heap = null;
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            heap = TopKHeap.Rent(k);
            centroidScores = _centroids is null ? null : ArrayPool<float>.Shared.Rent(_lists.Length);
            for (var q = 0; q < queryCount; q++)
            {
                var query = queries.Slice(q * Dimension, Dimension);
                var scan = new ScanQuery(query, queryCodes, queryCodes is null ? 0f : Int8Codes.EncodeQuery(query, queryCodes));
                heap.Clear();
                if (_centroids is null)
                {
                    Scan(_lists[0], scan, heap);
                }
                else
                {
                    Probe(scan, k, heap, centroidScores.AsSpan(0, _lists.Length));
                }

                heap.DrainDescending(resultIds.AsSpan(q * k, k), resultScores.AsSpan(q * k, k));
            }
        }
        finally
        {
            _lock.ExitReadLock();
            if (heap is not null)
            {
                TopKHeap.Return(heap);
            }

            if (centroidScores is not null)
            {
                ArrayPool<float>.Shared.Return(centroidScores);
            }

            if (queryCodes is not null)
            {
                ArrayPool<short>.Shared.Return(queryCodes);
            }
        }

        return new SearchResult(resultIds, resultScores, k);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            _disposed = true;
            _lists = [new InvertedList(Dimension, _options.Encoding)];
            _centroids = null;
            _centroidCodes = null;
            _centroidScales = null;
            _where.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Probe(ScanQuery scan, int k, TopKHeap heap, Span<float> centroidScores)
    {
        var query = scan.Vector;
        var centroids = _centroids!;
        if (_centroidCodes is { } codes && scan.Codes is { } queryCodes)
        {
            var scales = _centroidScales!;
            var q = queryCodes.AsSpan(0, Dimension);
            for (var c = 0; c < centroidScores.Length; c++)
            {
                centroidScores[c] = -(Int8Codes.Dot(codes.AsSpan(c * Dimension, Dimension), q) * (scales[c] * scan.Scale));
            }
        }
        else
        {
            for (var c = 0; c < centroidScores.Length; c++)
            {
                centroidScores[c] = -DotProduct.Of(query, centroids.AsSpan(c * Dimension, Dimension));
            }
        }

        // Usually a handful of lists suffice: keep the nearest few in one pass, and sort every centroid only when they do not.
        var wanted = Math.Min((long)k * _options.MinScannedPerResult, _where.Count);
        var nearest = Math.Min(centroidScores.Length, Math.Max(2 * _options.MinProbes, 16));
        Span<int> top = stackalloc int[nearest];
        Span<float> topKeys = stackalloc float[nearest];
        var kept = 0;
        for (var c = 0; c < centroidScores.Length; c++)
        {
            var key = centroidScores[c];
            if (kept == nearest && key >= topKeys[kept - 1])
            {
                continue;
            }

            var at = kept == nearest ? kept - 1 : kept++;
            while (at > 0 && topKeys[at - 1] > key)
            {
                topKeys[at] = topKeys[at - 1];
                top[at] = top[at - 1];
                at--;
            }

            topKeys[at] = key;
            top[at] = c;
        }

        long scanned = 0;
        var p = 0;
        for (; p < kept && (p < _options.MinProbes || scanned < wanted); p++)
        {
            scanned += ScanList(top[p], scan, heap);
        }

        if (p == kept && kept < centroidScores.Length && scanned < wanted)
        {
            // Rare: the nearest lists hold too few vectors; sort every centroid and go on in that order.
            var done = new HashSet<int>(top.ToArray());
            var order = new int[centroidScores.Length];
            for (var c = 0; c < order.Length; c++)
            {
                order[c] = c;
            }

            var keys = centroidScores.ToArray();
            Array.Sort(keys, order);
            for (var i = 0; i < order.Length && scanned < wanted; i++)
            {
                if (!done.Contains(order[i]))
                {
                    scanned += ScanList(order[i], scan, heap);
                }
            }
        }
    }

    private int ScanList(int index, ScanQuery scan, TopKHeap heap)
    {
        var list = _lists[index];
        Scan(list, scan, heap);
        return list.Count;
    }

    private void Scan(InvertedList list, ScanQuery scan, TopKHeap heap)
    {
        if (list.Encoding == InvertedListEncoding.Int8)
        {
            ScanCodes(list, scan, heap);
            return;
        }

        var query = scan.Vector;
        var vectors = list.Vectors;
        var ids = list.Ids;
        for (var row = 0; row < list.Count; row++)
        {
            var score = DotProduct.Of(query, vectors.AsSpan(row * Dimension, Dimension));
            if (score >= heap.Threshold)
            {
                heap.Offer(score, ids[row]);
            }
        }
    }

    private void ScanCodes(InvertedList list, ScanQuery scan, TopKHeap heap)
    {
        var codes = list.Codes;
        var scales = list.Scales;
        var ids = list.Ids;
        var query = scan.Codes.AsSpan(0, Dimension);
        for (var row = 0; row < list.Count; row++)
        {
            var score = Int8Codes.Dot(codes.AsSpan(row * Dimension, Dimension), query) * (scales[row] * scan.Scale);
            if (score >= heap.Threshold)
            {
                heap.Offer(score, ids[row]);
            }
        }
    }

    /// <summary>Clusters every held vector afresh (sample -> spherical k-means) and redistributes them over the new lists.</summary>
    private void Cluster()
    {
        var n = _where.Count;
        var all = new float[(long)n * Dimension];
        var allIds = new long[n];
        var next = 0;
        foreach (var list in _lists)
        {
            list.CopyRowsTo(all.AsSpan(next * Dimension, list.Count * Dimension));
            list.Ids.AsSpan(0, list.Count).CopyTo(allIds.AsSpan(next));
            next += list.Count;
        }

        var listCount = Math.Clamp((int)Math.Round(_options.ListsPerSqrtCount * Math.Sqrt(n)), 1, n);
        var sampleSize = Math.Min(n, listCount * _options.TrainPointsPerList);
        var sample = new float[(long)sampleSize * Dimension];
        var order = Enumerable.Range(0, n).ToArray();
        _random.Shuffle(order);
        for (var i = 0; i < sampleSize; i++)
        {
            all.AsSpan(order[i] * Dimension, Dimension).CopyTo(sample.AsSpan(i * Dimension));
        }

        var centroids = SphericalKMeans.Train(sample, Dimension, listCount, _options.Iterations, _random);
        var lists = new InvertedList[listCount];
        for (var c = 0; c < listCount; c++)
        {
            lists[c] = new InvertedList(Dimension, _options.Encoding);
        }

        for (var i = 0; i < n; i++)
        {
            var vector = all.AsSpan(i * Dimension, Dimension);
            var c = SphericalKMeans.Nearest(centroids, Dimension, vector);
            _where[allIds[i]] = (c, lists[c].Add(vector, allIds[i]));
        }

        _lists = lists;
        _centroids = centroids;
        if (_options.Encoding == InvertedListEncoding.Int8)
        {
            var codes = new sbyte[centroids.Length];
            var scales = new float[listCount];
            for (var c = 0; c < listCount; c++)
            {
                scales[c] = Int8Codes.Encode(centroids.AsSpan(c * Dimension, Dimension), codes.AsSpan(c * Dimension, Dimension));
            }

            _centroidCodes = codes;
            _centroidScales = scales;
        }
        _trainedAt = n;
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>A query as a scan reads it: the floats, and for code lists its 15-bit codes with their scale.</summary>
    private readonly ref struct ScanQuery(ReadOnlySpan<float> vector, short[]? codes, float scale)
    {
        public ReadOnlySpan<float> Vector { get; } = vector;

        public short[]? Codes { get; } = codes;

        public float Scale { get; } = scale;
    }
}
