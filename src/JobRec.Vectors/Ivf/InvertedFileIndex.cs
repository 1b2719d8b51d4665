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
/// <remarks>Thread safety: searches run concurrently; add and remove take an exclusive lock. Re-clustering runs beside the live
/// index (on the thread pool, or on the adding thread after its add returns the lock when
/// <see cref="InvertedFileOptions.BackgroundMaintenance"/> is off): k-means and the assignment of every row to the new lists hold no
/// lock, copying rows out holds the read lock for one small chunk at a time, and the swap holds the write lock only to re-read the
/// few rows changed meanwhile. Writes and searches never wait for k-means.</remarks>
public sealed class InvertedFileIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly InvertedFileOptions _options;
    // Rows copied out of the live lists per read-lock hold, and the most changed rows the swap re-reads under the write lock.
    private const int CopyChunk = 256;
    private const int SwapDirtyLimit = 256;
    private const int MaxCatchUpRounds = 8;

    private Dictionary<long, (int List, int Row)> _where = [];
    private InvertedFileRebuild? _rebuild;
    private Task _maintenance = Task.CompletedTask;

    /// <summary>Test hook: runs on the re-clustering thread after k-means, before any row is copied (no lock held).</summary>
    internal Action? AfterTraining { get; set; }
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

    /// <summary>True while a re-clustering runs beside the live index.</summary>
    public bool IsMaintaining => Read(() => _rebuild is not null);

    /// <summary>Blocks until no re-clustering runs; rethrows what the last background one threw, if it failed.</summary>
    public void WaitForMaintenance()
    {
        while (true)
        {
            var (task, idle) = Read(() => (_maintenance, _rebuild is null));
            if (idle && task.IsCompleted)
            {
                task.GetAwaiter().GetResult();
                return;
            }

            if (task.IsCompleted)
            {
                Thread.Sleep(1); // a re-clustering runs on an adding thread (BackgroundMaintenance off)
            }
            else
            {
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An id is negative, already present or repeated in the batch.</exception>
    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        VectorArguments.RequireAdd(vectors, ids, Dimension);
        Action? maintain = null;
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
                _rebuild?.Dirty.Add(ids[i]);
            }

            if (NeedsClustering())
            {
                maintain = BeginRebuild();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        maintain?.Invoke();
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

                _rebuild?.Dirty.Add(id);
                var moved = _lists[at.List].RemoveAt(at.Row);
                if (moved >= 0)
                {
                    _where[moved] = at;
                    _rebuild?.Dirty.Add(moved); // it moved to a row a running copy may have passed already
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
            _rebuild = null;
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

    /// <summary>Starts re-clustering every held vector (under the write lock): takes the seeded training sample and returns the work
    /// that trains, assigns and swaps, to run once the lock is released (queued on the thread pool in background mode).</summary>
    private Action? BeginRebuild()
    {
        var n = _where.Count;
        var listCount = Math.Clamp((int)Math.Round(_options.ListsPerSqrtCount * Math.Sqrt(n)), 1, Math.Min(n, _options.MaxLists));
        var sampleSize = Math.Min(n, listCount * _options.TrainPointsPerList);
        var rows = new (int List, int Row)[n];
        var next = 0;
        for (var l = 0; l < _lists.Length; l++)
        {
            for (var r = 0; r < _lists[l].Count; r++)
            {
                rows[next++] = (l, r);
            }
        }

        _random.Shuffle(rows);
        var sample = new float[(long)sampleSize * Dimension];
        for (var i = 0; i < sampleSize; i++)
        {
            _lists[rows[i].List].DecodeRow(rows[i].Row, sample.AsSpan(i * Dimension, Dimension));
        }

        var random = new Random(_random.Next());
        _trainedAt = n;
        var rebuild = new InvertedFileRebuild(new float[listCount * Dimension], Dimension, _options.Encoding, n, _lists.Select(l => l.Count).ToArray());
        _rebuild = rebuild;
        void Run()
        {
            try
            {
                Rebuild(rebuild, sample, listCount, random);
            }
            catch
            {
                // The live index stays as it was; the next growth step tries again.
                _lock.EnterWriteLock();
                try
                {
                    if (_rebuild == rebuild)
                    {
                        _rebuild = null;
                    }
                }
                finally
                {
                    _lock.ExitWriteLock();
                }

                throw;
            }
        }

        if (!_options.BackgroundMaintenance)
        {
            return Run;
        }

        _maintenance = Task.Run(Run);
        return null;
    }

    /// <summary>Trains the new centroids, copies every live row into the new lists a chunk at a time, re-reads the rows changed
    /// meanwhile until few are left, then swaps the new lists in under the write lock. Returns early when the index is disposed.</summary>
    private void Rebuild(InvertedFileRebuild rebuild, float[] sample, int listCount, Random random)
    {
        SphericalKMeans.Train(sample, Dimension, listCount, _options.Iterations, random).CopyTo(rebuild.Centroids, 0);
        AfterTraining?.Invoke();
        var staging = new InvertedList(Dimension, _options.Encoding);

        // 1. The rows the live lists held when it began, a chunk under the read lock, assigned outside it. Rows added since, and rows
        //    a removal moved, are dirty and re-read below.
        for (var l = 0; l < rebuild.HeldAtStart.Length; l++)
        {
            for (var start = 0; start < rebuild.HeldAtStart[l]; start += CopyChunk)
            {
                _lock.EnterReadLock();
                try
                {
                    if (_rebuild != rebuild)
                    {
                        return;
                    }

                    var list = _lists[l];
                    var end = Math.Min(Math.Min(list.Count, rebuild.HeldAtStart[l]), start + CopyChunk);
                    for (var r = start; r < end; r++)
                    {
                        staging.AddRowFrom(list, r);
                    }
                }
                finally
                {
                    _lock.ExitReadLock();
                }

                AssignStaged(rebuild, staging);
            }
        }

        // 2. Rows changed meanwhile: re-read them outside the write lock while many, then swap with the last few under it.
        Action? next = null;
        for (var round = 0; ; round++)
        {
            _lock.EnterWriteLock();
            try
            {
                if (_rebuild != rebuild)
                {
                    return;
                }

                var dirty = rebuild.Dirty;
                if (dirty.Count <= SwapDirtyLimit || round >= MaxCatchUpRounds)
                {
                    StageCurrentRows(rebuild, dirty, staging);
                    AssignStaged(rebuild, staging);
                    SwapIn(rebuild);
                    next = NeedsClustering() ? BeginRebuild() : null; // it grew past the next step meanwhile
                    break;
                }

                rebuild.Dirty = [];
                StageCurrentRows(rebuild, dirty, staging);
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            AssignStaged(rebuild, staging);
        }

        next?.Invoke();
    }

    /// <summary>True when the index should start a re-clustering (write lock held): none runs, and it reached the first training
    /// size or grew by <see cref="InvertedFileOptions.RetrainGrowth"/> since the last one began.</summary>
    private bool NeedsClustering()
    {
        var count = _where.Count;
        return _rebuild is null && (_centroids is null ? count >= _options.MinTrainSize : count >= _trainedAt * _options.RetrainGrowth);
    }

    /// <summary>Drops <paramref name="ids"/> from the new lists and stages the current rows of those the live index still holds (write lock held).</summary>
    private void StageCurrentRows(InvertedFileRebuild rebuild, HashSet<long> ids, InvertedList staging)
    {
        foreach (var id in ids)
        {
            rebuild.Remove(id);
            if (_where.TryGetValue(id, out var at))
            {
                staging.AddRowFrom(_lists[at.List], at.Row);
            }
        }
    }

    private static void AssignStaged(InvertedFileRebuild rebuild, InvertedList staging)
    {
        for (var r = 0; r < staging.Count; r++)
        {
            rebuild.CopyRow(staging, r);
        }

        staging.Clear();
    }

    /// <summary>Makes the rebuilt lists the live ones (write lock held).</summary>
    private void SwapIn(InvertedFileRebuild rebuild)
    {
        _lists = rebuild.Lists;
        _where = rebuild.Where;
        _centroids = rebuild.Centroids;
        (_centroidCodes, _centroidScales) = _options.Encoding == InvertedListEncoding.Int8 ? rebuild.EncodeCentroids() : (null, null);
        _rebuild = null;
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
