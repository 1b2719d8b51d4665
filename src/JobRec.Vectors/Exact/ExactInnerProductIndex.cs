using JobRec.Vectors.Index;

namespace JobRec.Vectors.Exact;

/// <summary>
/// Brute-force inner-product index in managed code (the width-independent <see cref="DotProduct"/>, a k-heap per query,
/// queries spread over threads): the exact ground truth approximate indexes are measured against.
/// </summary>
/// <remarks>Thread safety: searches run concurrently; add and remove take an exclusive lock.</remarks>
public sealed class ExactInnerProductIndex : IVectorIndex
{
    private const int QueryBlock = 8;
    private const int RowTile = 256;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _rowOfId = new();
    private float[] _vectors = [];
    private long[] _ids = [];
    private int _count;
    private bool _disposed;

    /// <summary>Creates an empty index of <paramref name="dimension"/>-vectors; searches use up to <paramref name="maxDegreeOfParallelism"/> threads (default: all cores).</summary>
    public ExactInnerProductIndex(int dimension, int maxDegreeOfParallelism = -1)
    {
        VectorArguments.RequireDimension(dimension);
        Dimension = dimension;
        MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Threads a batch search may use.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <inheritdoc />
    public long Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An id is negative, already present or repeated in the batch.</exception>
    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        VectorArguments.RequireAdd(vectors, ids, Dimension);
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            VectorArguments.RequireNewIds(ids, _rowOfId);

            EnsureCapacity(_count + ids.Length);
            vectors.CopyTo(_vectors.AsSpan(_count * Dimension));
            for (var i = 0; i < ids.Length; i++)
            {
                _ids[_count + i] = ids[i];
                _rowOfId[ids[i]] = _count + i;
            }

            _count += ids.Length;
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
                if (!_rowOfId.Remove(id, out var row))
                {
                    continue;
                }

                var last = _count - 1;
                if (row != last)
                {
                    _vectors.AsSpan(last * Dimension, Dimension).CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
                    _ids[row] = _ids[last];
                    _rowOfId[_ids[row]] = row;
                }

                _count--;
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
        if (queryCount == 0)
        {
            return new SearchResult(resultIds, resultScores, k);
        }

        var queryCopy = queries.ToArray();
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            var blocks = (queryCount + QueryBlock - 1) / QueryBlock;
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism };
            Parallel.For(0, blocks, options, () => CreateHeaps(k), (block, _, heaps) =>
            {
                SearchBlock(queryCopy, block * QueryBlock, Math.Min(QueryBlock, queryCount - (block * QueryBlock)), k, heaps, resultIds, resultScores);
                return heaps;
            }, _ => { });
        }
        finally
        {
            _lock.ExitReadLock();
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
            _vectors = [];
            _ids = [];
            _rowOfId.Clear();
            _count = 0;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static TopKHeap[] CreateHeaps(int k)
    {
        var heaps = new TopKHeap[QueryBlock];
        for (var i = 0; i < heaps.Length; i++)
        {
            heaps[i] = new TopKHeap(k);
        }

        return heaps;
    }

    private void SearchBlock(float[] queries, int first, int count, int k, TopKHeap[] heaps, long[] resultIds, float[] resultScores)
    {
        var d = Dimension;
        for (var q = 0; q < count; q++)
        {
            heaps[q].Clear();
        }

        // Tiles of rows are reused by every query of the block while they sit in cache.
        for (var tileStart = 0; tileStart < _count; tileStart += RowTile)
        {
            var tileEnd = Math.Min(tileStart + RowTile, _count);
            for (var q = 0; q < count; q++)
            {
                var query = queries.AsSpan((first + q) * d, d);
                var heap = heaps[q];
                for (var row = tileStart; row < tileEnd; row++)
                {
                    var score = DotProduct.Of(query, _vectors.AsSpan(row * d, d));
                    if (score >= heap.Threshold)
                    {
                        heap.Offer(score, _ids[row]);
                    }
                }
            }
        }

        for (var q = 0; q < count; q++)
        {
            var offset = (long)(first + q) * k;
            heaps[q].DrainDescending(resultIds.AsSpan((int)offset, k), resultScores.AsSpan((int)offset, k));
        }
    }

    private void EnsureCapacity(int rows)
    {
        if (_ids.Length >= rows)
        {
            return;
        }

        var capacity = Math.Max(rows, Math.Max(16, _ids.Length * 2));
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _vectors, checked(capacity * Dimension));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
