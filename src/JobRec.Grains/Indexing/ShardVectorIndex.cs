using JobRec.Contracts.Indexing;
using JobRec.Contracts.Search;
using JobRec.Grains.Embeddings;
using JobRec.Vectors.Exact;
using JobRec.Vectors.Faiss;
using JobRec.Vectors.Index;
using JobRec.Vectors.Ivf;

namespace JobRec.Grains.Indexing;

/// <summary>
/// The in-memory side of one shard: a vector index (inverted file, exact or FAISS flat) over slot ids plus the entry of every slot.
/// Entries past their closing time stay held (for <see cref="Get"/>) but leave the vector index (<see cref="ExpireDue"/>), so
/// searches do not scan and then discard them. Searches and lookups may run concurrently with each other, never with a change.
/// </summary>
public sealed class ShardVectorIndex : IDisposable
{
    // Up to this many excluded ids are resolved to slots before a search; a longer in-silo set is checked id by id against the hits.
    private const int SlotResolvedExclusions = 64;

    private readonly ShardIndexKind _kind;
    private readonly InvertedFileOptions? _invertedFile;
    private readonly Dictionary<string, long> _slots = [];
    // Entry of each slot with its ranking keys, indexed by slot (slots are handed out in order and never reused; a replaced or removed
    // slot's entry is null).
    private readonly List<Slot> _entries = [];
    private readonly PriorityQueue<long, DateTimeOffset> _expiries = new();
    private IVectorIndex? _index;

    /// <summary>Creates an empty index of the given kind (FAISS flat falls back to the managed exact index when the native library is missing).</summary>
    public ShardVectorIndex(ShardIndexKind kind, InvertedFileOptions? invertedFile = null)
    {
        _kind = kind;
        _invertedFile = invertedFile;
    }

    /// <summary>Jobs held (expired ones included).</summary>
    public int Count => _slots.Count;

    /// <summary>Jobs in the vector index: those held and not yet expired by <see cref="ExpireDue"/> or <see cref="Upsert"/>.</summary>
    public long Searchable => _index?.Count ?? 0;

    /// <summary>Embedding length, 0 while empty.</summary>
    public int Dimension => _index?.Dimension ?? 0;

    /// <summary>"ivf", "faiss-flat" or "exact" (empty until the first entry).</summary>
    public string Kind { get; private set; } = "";

    /// <summary>Every entry held.</summary>
    public IEnumerable<ShardEntry> Entries => _entries.Where(s => s.Entry is not null).Select(s => s.Entry!);

    /// <summary>Adds or replaces entries; every embedding must have the index's dimension. Entries closed at <paramref name="now"/> are
    /// held but not searchable; the others leave the vector index at their closing time through <see cref="ExpireDue"/>.</summary>
    /// <exception cref="ArgumentException">An embedding is empty or of another dimension.</exception>
    public void Upsert(IReadOnlyList<ShardEntry> entries, DateTimeOffset now)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var dim = _index?.Dimension ?? entries[0].Embedding.Length;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Embedding.Length != dim || dim == 0)
            {
                throw new ArgumentException($"entries[{i}] (job '{entries[i].Job.Id}'): embedding has {entries[i].Embedding.Length} values; this shard holds dimension {dim}", nameof(entries));
            }
        }

        _index ??= CreateIndex(dim);
        var replaced = new List<long>();
        foreach (var e in entries)
        {
            if (_slots.Remove(e.Job.Id, out var old))
            {
                replaced.Add(old);
                _entries[(int)old] = default;
            }
        }

        if (replaced.Count > 0)
        {
            _index.Remove(replaced.ToArray());
        }

        // The last entry per id wins within one batch.
        var latest = new Dictionary<string, ShardEntry>();
        foreach (var e in entries)
        {
            latest[e.Job.Id] = e;
        }

        var vectors = new float[latest.Count * dim];
        var ids = new long[latest.Count];
        var n = 0;
        foreach (var e in latest.Values)
        {
            long slot = _entries.Count; // the next slot
            _slots[e.Job.Id] = slot;
            _entries.Add(new Slot(e, JobKeys.Of(e.Job, e.Skills)));
            if (e.ClosesAt is { } closes)
            {
                if (closes <= now)
                {
                    continue; // held for Get, never searched
                }

                _expiries.Enqueue(slot, closes);
            }

            e.Embedding.CopyTo(vectors, n * dim);
            ids[n++] = slot;
        }

        if (n > 0)
        {
            _index.Add(vectors.AsSpan(0, n * dim), ids.AsSpan(0, n));
        }
    }

    /// <summary>Takes every entry whose closing time is at or before <paramref name="now"/> out of the vector index (it stays held);
    /// returns how many left.</summary>
    public int ExpireDue(DateTimeOffset now)
    {
        if (_index is null)
        {
            return 0;
        }

        var due = new List<long>();
        while (_expiries.TryPeek(out var slot, out var closes) && closes <= now)
        {
            _expiries.Dequeue();
            if (_entries[(int)slot].Entry is not null)
            {
                due.Add(slot); // a replaced or removed entry's slot is gone from _entries and from the index already
            }
        }

        return due.Count == 0 ? 0 : (int)_index.Remove(due.ToArray());
    }

    /// <summary>Removes a job; false when it was not held.</summary>
    public bool Remove(string jobId)
    {
        if (_index is null || !_slots.Remove(jobId, out var slot))
        {
            return false;
        }

        _entries[(int)slot] = default;
        _index.Remove([slot]);
        return true;
    }

    /// <summary>The k best entries passing the filters (open at <paramref name="now"/>), best first.</summary>
    public List<ShardHit> Search(ShardQuery query, DateTimeOffset now)
    {
        var hits = new List<ShardHit>(Math.Min(query.K, _slots.Count));
        if (_index is null || _slots.Count == 0)
        {
            return hits;
        }

        CheckDimension(query);
        // Only excluded jobs held by this shard can take a place (a user's history is spread over every shard); compare slots, not ids,
        // unless the caller's own long set arrived (same silo): then check hits against it and allow for all of it (resolving hundreds
        // of ids would cost more than hashing the id of each hit).
        HashSet<long>? excluded = null;
        var seen = query.Exclude is ExclusionSet { Count: > 0 } set ? set : null;
        if (query.Exclude is { Count: > 0 } ex && (seen is null || ex.Count <= SlotResolvedExclusions))
        {
            seen = null;
            foreach (var id in ex)
            {
                if (_slots.TryGetValue(id, out var held))
                {
                    (excluded ??= []).Add(held);
                }
            }
        }

        // Ask the index for enough that excluded (and, with filters, filtered-out) entries still leave k; the loop widens when they do not.
        var most = Math.Min(_slots.Count, VectorIndexLimits.MaxK);
        var want = Math.Min(most, (query.Filters is { IsEmpty: false } ? query.K * 4 : query.K + (query.K / 4)) + (seen?.Count ?? excluded?.Count ?? 0));
        var block = new SimilarityBlock(query.K, query.ScoringVectors?.Count ?? 0);
        while (true)
        {
            hits.Clear();
            var result = _index.Search(query.Vector, want);
            for (var i = 0; i < result.K && hits.Count < query.K; i++)
            {
                var slot = result.Ids[i];
                if (slot < 0 || slot >= _entries.Count || (excluded is not null && excluded.Contains(slot)) || _entries[(int)slot] is not { Entry: { } e } held
                    || (seen is not null && seen.Contains(held.Keys.Id)))
                {
                    continue;
                }

                if (Passes(e, query.Filters, now))
                {
                    hits.Add(ToHit(held, result.Scores[i], query, block));
                }
            }

            if (hits.Count >= query.K || want >= most)
            {
                return hits;
            }

            want = Math.Min(most, want * 4);
        }
    }

    /// <summary>The entries of the given ids that are held and pass the filters, scored against the query.</summary>
    public List<ShardHit> Lookup(IReadOnlyList<string> jobIds, ShardQuery query, DateTimeOffset now)
    {
        var hits = new List<ShardHit>();
        if (_index is null)
        {
            return hits;
        }

        CheckDimension(query);
        var exclude = query.Exclude is { Count: > 0 } ex ? ex as ExclusionSet ?? new ExclusionSet(ex) : null;
        HashSet<long>? returned = null; // each job once, however often it is asked for
        var block = new SimilarityBlock(jobIds.Count, query.ScoringVectors?.Count ?? 0);
        foreach (var id in jobIds)
        {
            if (_slots.TryGetValue(id, out var slot) && _entries[(int)slot] is { Entry: { } e } held && (exclude is null || !exclude.Contains(id))
                && Passes(e, query.Filters, now) && (returned ??= new HashSet<long>(jobIds.Count)).Add(slot))
            {
                hits.Add(ToHit(held, VectorMath.Dot(query.Vector, e.Embedding), query, block));
            }
        }

        return hits;
    }

    /// <summary>The entry of a job, or null when not held.</summary>
    public ShardEntry? Get(string jobId) => _slots.TryGetValue(jobId, out var slot) ? _entries[(int)slot].Entry : null;

    /// <inheritdoc />
    public void Dispose() => _index?.Dispose();

    private void CheckDimension(ShardQuery query)
    {
        if (query.Vector.Length != _index!.Dimension)
        {
            throw new ArgumentException($"query vector has {query.Vector.Length} values; this shard holds dimension {_index.Dimension}", nameof(query));
        }
    }

    private static bool Passes(ShardEntry e, SearchFilters? f, DateTimeOffset now)
    {
        if (e.ClosesAt is { } closes && closes <= now)
        {
            return false;
        }

        if (f is null || f.IsEmpty)
        {
            return true;
        }

        if (f.RemoteOnly && !e.Job.Remote)
        {
            return false;
        }

        if (f.Region.Length > 0 && !string.Equals(e.Job.Region, f.Region, StringComparison.OrdinalIgnoreCase) && !(f.IncludeRemote && e.Job.Remote))
        {
            return false;
        }

        return f.OnetPrefix.Length == 0 || e.Job.OnetCode.StartsWith(f.OnetPrefix, StringComparison.Ordinal);
    }

    private static ShardHit ToHit(Slot held, float score, ShardQuery query, SimilarityBlock block)
    {
        var e = held.Entry!;
        var extra = query.ScoringVectors;
        var sims = block.Next(extra?.Count ?? 0);
        var span = sims.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = VectorMath.Dot(extra![i], e.Embedding);
        }

        return new ShardHit(e.Job, score, sims, e.Skills, e.PostedAt) { Keys = held.Keys };
    }

    /// <summary>One array for the similarities of a search's hits, handed out a hit at a time (a new one if the search runs over).</summary>
    private sealed class SimilarityBlock(int hits, int perHit)
    {
        private float[] _values = new float[Math.Max(0, hits) * perHit];
        private int _used;

        public Memory<float> Next(int count)
        {
            if (count == 0)
            {
                return Memory<float>.Empty;
            }

            if (_used + count > _values.Length)
            {
                _values = new float[Math.Max(count, _values.Length)];
                _used = 0;
            }

            var slice = _values.AsMemory(_used, count);
            _used += count;
            return slice;
        }
    }

    private IVectorIndex CreateIndex(int dimension)
    {
        if (_kind == ShardIndexKind.InvertedFile)
        {
            Kind = "ivf";
            return new InvertedFileIndex(dimension, _invertedFile);
        }

        if (_kind == ShardIndexKind.FaissFlat && FaissRuntime.IsLibraryPresent)
        {
            // Shards already search in parallel; OpenMP threads inside each search only oversubscribe the cores (and spin).
            if (FaissRuntime.ThreadCount != 1)
            {
                FaissRuntime.ThreadCount = 1;
            }

            Kind = "faiss-flat";
            return FaissIndex.CreateFlat(dimension);
        }

        Kind = "exact";
        return new ExactInnerProductIndex(dimension, 1);
    }

    /// <summary>A slot's entry (null once replaced or removed) and its <see cref="JobKeys"/>, computed once on upsert.</summary>
    private readonly record struct Slot(ShardEntry? Entry, JobKeys Keys);
}
