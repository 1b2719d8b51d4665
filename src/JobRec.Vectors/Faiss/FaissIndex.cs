using JobRec.Vectors.Faiss.Native;
using JobRec.Vectors.Index;
using JobRec.Vectors.Persistence;

namespace JobRec.Vectors.Faiss;

/// <summary>
/// A FAISS inner-product index (flat, HNSW or IVF-flat behind an IndexIDMap2) reached through the native shim libjobrec_faiss.so.
/// </summary>
/// <remarks>
/// Thread safety: any number of threads may search at once (FAISS search is safe on an index nobody modifies);
/// Add, Remove, Train, the search-parameter setters and Dispose take an exclusive lock, so they wait for running searches
/// and block new ones. Arguments are validated here, before any native call. Removal from HNSW and IVF marks the slot
/// deleted (FAISS 1.7.3 cannot remove from them); deleted slots are skipped by searches and persisted by <see cref="Save"/>.
/// </remarks>
public sealed unsafe class FaissIndex : IVectorIndex
{
    private readonly FaissIndexHandle _handle;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private bool _disposed;

    private FaissIndex(FaissIndexHandle handle)
    {
        _handle = handle;
        var info = ReadInfo();
        Kind = (FaissIndexKind)info.Kind;
        Dimension = info.Dimension;
    }

    /// <summary>Which FAISS index this is.</summary>
    public FaissIndexKind Kind { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public long Count => WithReadLock(() => ReadInfo().Count);

    /// <summary>Whether vectors can be added: always for flat and HNSW, after <see cref="Train"/> for IVF.</summary>
    public bool IsTrained => WithReadLock(() => ReadInfo().IsTrained != 0);

    /// <summary>Vectors physically stored, deleted HNSW/IVF slots included.</summary>
    public long StoredCount => WithReadLock(() => ReadInfo().Stored);

    /// <summary>Current HNSW settings, or null for other kinds.</summary>
    public HnswParameters? Hnsw => Kind != FaissIndexKind.Hnsw ? null : WithReadLock(() =>
    {
        var info = ReadInfo();
        return new HnswParameters(info.HnswM, info.HnswEfConstruction, info.HnswEfSearch);
    });

    /// <summary>Current IVF settings, or null for other kinds.</summary>
    public IvfParameters? Ivf => Kind != FaissIndexKind.Ivf ? null : WithReadLock(() =>
    {
        var info = ReadInfo();
        return new IvfParameters(info.IvfNlist, info.IvfNprobe);
    });

    /// <summary>Creates an exact brute-force index (IndexFlatIP).</summary>
    /// <exception cref="DllNotFoundException">The native shim is missing; run deploy/setup.sh.</exception>
    public static FaissIndex CreateFlat(int dimension)
    {
        VectorArguments.RequireDimension(dimension);
        FaissNativeLibrary.EnsureLoaded();
        FaissNative.Check(FaissNative.IndexNewFlat(dimension, out var handle), "Creating a FAISS flat index");
        return new FaissIndex(handle);
    }

    /// <summary>Creates an HNSW index (IndexHNSWFlat, inner product); <paramref name="parameters"/> default to M=32, efConstruction=200, efSearch=128.</summary>
    /// <exception cref="DllNotFoundException">The native shim is missing; run deploy/setup.sh.</exception>
    public static FaissIndex CreateHnsw(int dimension, HnswParameters? parameters = null)
    {
        VectorArguments.RequireDimension(dimension);
        parameters ??= new HnswParameters();
        parameters.Validate();
        FaissNativeLibrary.EnsureLoaded();
        FaissNative.Check(
            FaissNative.IndexNewHnsw(dimension, parameters.M, parameters.EfConstruction, parameters.EfSearch, out var handle),
            "Creating a FAISS HNSW index");
        return new FaissIndex(handle);
    }

    /// <summary>Creates an IVF-flat index (IndexIVFFlat over an IndexFlatIP quantizer) that must be trained before vectors are added.</summary>
    /// <exception cref="DllNotFoundException">The native shim is missing; run deploy/setup.sh.</exception>
    public static FaissIndex CreateIvf(int dimension, IvfParameters parameters)
    {
        VectorArguments.RequireDimension(dimension);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        FaissNativeLibrary.EnsureLoaded();
        FaissNative.Check(FaissNative.IndexNewIvf(dimension, parameters.Nlist, parameters.Nprobe, out var handle), "Creating a FAISS IVF index");
        return new FaissIndex(handle);
    }

    /// <summary>Loads an index written by <see cref="Save"/>, after checking the file's header and checksum.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a saved index or is corrupt.</exception>
    public static FaissIndex Load(string path)
    {
        var (offset, length) = VectorIndexFile.Verify(path);
        FaissNativeLibrary.EnsureLoaded();
        var full = Path.GetFullPath(path);
        var status = FaissNative.IndexReadFile(full, offset, length, out var handle);
        if (status != FaissStatus.Ok)
        {
            handle.Dispose();
        }

        FaissNative.Check(status, $"Loading vector index {full}");
        return new FaissIndex(handle);
    }

    /// <summary>Learns the IVF cells from at least nlist row-major vectors; a no-op requirement for flat and HNSW, which need no training.</summary>
    /// <exception cref="ArgumentException">A dimension mismatch, a NaN/infinite value, or fewer vectors than nlist.</exception>
    /// <exception cref="InvalidOperationException">The IVF index already holds vectors.</exception>
    public void Train(ReadOnlySpan<float> vectors)
    {
        var rows = VectorArguments.RequireRows(vectors, Dimension, nameof(vectors));
        if (rows == 0)
        {
            throw new ArgumentException("Training needs at least one vector.", nameof(vectors));
        }

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            fixed (float* x = vectors)
            {
                FaissNative.Check(FaissNative.IndexTrain(_handle, rows, x), $"Training the FAISS {Kind} index on {rows} vectors");
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An id is negative, already present or repeated in the batch.</exception>
    /// <exception cref="InvalidOperationException">An IVF index that has not been trained.</exception>
    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        VectorArguments.RequireAdd(vectors, ids, Dimension);
        if (ids.IsEmpty)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            if (ReadInfo().IsTrained == 0)
            {
                throw new InvalidOperationException($"The FAISS {Kind} index is not trained; call Train with at least nlist vectors before Add.");
            }

            fixed (float* x = vectors)
            fixed (long* xids = ids)
            {
                FaissNative.Check(FaissNative.IndexAdd(_handle, ids.Length, x, xids), $"Adding {ids.Length} vectors to the FAISS {Kind} index");
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
        if (ids.IsEmpty)
        {
            return 0;
        }

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            fixed (long* xids = ids)
            {
                FaissNative.Check(FaissNative.IndexRemove(_handle, ids.Length, xids, out var removed), $"Removing {ids.Length} ids from the FAISS {Kind} index");
                return removed;
            }
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
        var rows = VectorArguments.RequireRows(queries, Dimension, nameof(queries));
        var ids = new long[(long)rows * k];
        var scores = new float[(long)rows * k];
        if (rows == 0)
        {
            return new SearchResult(ids, scores, k);
        }

        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            fixed (float* q = queries)
            fixed (float* s = scores)
            fixed (long* i = ids)
            {
                FaissNative.Check(FaissNative.IndexSearch(_handle, rows, q, k, s, i), $"Searching the FAISS {Kind} index");
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return new SearchResult(ids, scores, k);
    }

    /// <summary>Sets the HNSW search breadth for later searches.</summary>
    /// <exception cref="InvalidOperationException">The index is not HNSW.</exception>
    public void SetEfSearch(int efSearch)
    {
        if (Kind != FaissIndexKind.Hnsw)
        {
            throw new InvalidOperationException($"efSearch applies to HNSW indexes, this one is {Kind}.");
        }

        (new HnswParameters(EfSearch: efSearch)).Validate();
        WithWriteLock(() => FaissNative.Check(FaissNative.IndexSetSearchParams(_handle, efSearch, 0), "Setting efSearch"));
    }

    /// <summary>Sets how many IVF cells later searches visit.</summary>
    /// <exception cref="InvalidOperationException">The index is not IVF.</exception>
    public void SetNprobe(int nprobe)
    {
        var ivf = Ivf ?? throw new InvalidOperationException($"nprobe applies to IVF indexes, this one is {Kind}.");
        (ivf with { Nprobe = nprobe }).Validate();
        WithWriteLock(() => FaissNative.Check(FaissNative.IndexSetSearchParams(_handle, 0, nprobe), "Setting nprobe"));
    }

    /// <summary>Writes the index (vectors, ids, graph or lists, deleted slots, search settings) to <paramref name="path"/>, replacing it atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            FaissNative.Check(FaissNative.IndexSerialize(_handle, out var buffer, out var data, out var length), $"Serialising the FAISS {Kind} index");
            try
            {
                VectorIndexFile.Write(path, data, length);
            }
            finally
            {
                FaissNative.BufferFree(buffer);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _handle.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private NativeIndexInfo ReadInfo()
    {
        FaissNative.Check(FaissNative.IndexInfo(_handle, out var info), "Reading FAISS index info");
        return info;
    }

    private T WithReadLock<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void WithWriteLock(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
