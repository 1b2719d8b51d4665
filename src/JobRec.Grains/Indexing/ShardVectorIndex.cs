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

    // A lookup of up to this many ids checks for repeats among the slots it returned on the stack.
    // Re-score vectors up to this many values are decoded on the stack (1,024 floats: 4 KiB).
    private const int ReScoreOnStack = 1024;
    private const int LookupSlotsOnStack = 128;

    private readonly ShardIndexKind _kind;
    private readonly InvertedFileOptions _invertedFile;
    private readonly bool _approximateScores;
    private readonly Dictionary<string, long> _slots = [];
    // Card, re-score vector and closing time of each slot, indexed by slot (slots are handed out in order and never reused; a replaced or
    // removed slot is empty). The entry itself is not kept: Get rebuilds it, so a job costs its card, its half-precision vector and its
    // index row (int8 codes by default), not also the float embedding and the entry record.
    private readonly List<Slot> _entries = [];
    private readonly PriorityQueue<long, DateTimeOffset> _expiries = new();
    private IVectorIndex? _index;

    /// <summary>The inverted-file settings a shard takes when given none: the defaults with signed-byte lists (a recommend's scan reads a
    /// quarter of the memory; hits are re-scored exactly, see docs/BENCHMARKS.md, Serving).</summary>
    public static InvertedFileOptions DefaultInvertedFile { get; } = new() { Encoding = InvertedListEncoding.Int8 };

    /// <summary>Creates an empty index of the given kind (FAISS flat falls back to the managed exact index when the native library is missing).</summary>
    public ShardVectorIndex(ShardIndexKind kind, InvertedFileOptions? invertedFile = null)
    {
        _kind = kind;
        _invertedFile = invertedFile ?? DefaultInvertedFile;
        _approximateScores = kind == ShardIndexKind.InvertedFile && _invertedFile.Encoding != InvertedListEncoding.Float32;
    }

    /// <summary>Jobs held (expired ones included).</summary>
    public int Count => _slots.Count;

    /// <summary>Jobs in the vector index: those held and not yet expired by <see cref="ExpireDue"/> or <see cref="Upsert"/>.</summary>
    public long Searchable => _index?.Count ?? 0;

    /// <summary>Embedding length, 0 while empty.</summary>
    public int Dimension => _index?.Dimension ?? 0;

    /// <summary>"ivf", "faiss-flat" or "exact" (empty until the first entry).</summary>
    public string Kind { get; private set; } = "";

    /// <summary>Every entry held, rebuilt from the slots (embeddings from their half-precision copies).</summary>
    public IEnumerable<ShardEntry> Entries => _entries.Where(s => s.IsHeld).Select(s => s.ToEntry()!);

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
            _entries.Add(new Slot(new JobCard(e.Job, e.Skills, e.PostedAt), ReScoreVector.Encode(e.Embedding), e.ClosesAt));
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
            if (_entries[(int)slot].IsHeld)
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
        // of ids would cost more than hashing the id of each hit). A short list is resolved into sorted slots on the stack; only a long
        // one from another silo needs a set.
        Span<long> resolved = stackalloc long[SlotResolvedExclusions];
        var resolvedCount = 0;
        HashSet<long>? excluded = null;
        var seen = query.Exclude is ExclusionSet { Count: > 0 } set ? set : null;
        if (query.Exclude is { Count: > 0 } ex && (seen is null || ex.Count <= SlotResolvedExclusions))
        {
            seen = null;
            var fits = ex.Count <= SlotResolvedExclusions;
            foreach (var id in ex)
            {
                if (_slots.TryGetValue(id, out var held))
                {
                    if (fits)
                    {
                        resolved[resolvedCount++] = held;
                    }
                    else
                    {
                        (excluded ??= []).Add(held);
                    }
                }
            }

            resolved[..resolvedCount].Sort();
        }

        ReadOnlySpan<long> excludedSlots = resolved[..resolvedCount];

        // Ask the index for enough that excluded (and, with filters, filtered-out) entries still leave k; the loop widens when they do not.
        var most = Math.Min(_slots.Count, VectorIndexLimits.MaxK);
        var want = Math.Min(most, (query.Filters is { IsEmpty: false } ? query.K * 4 : query.K + (query.K / 4)) + (seen?.Count ?? excluded?.Count ?? resolvedCount));
        var block = new SimilarityBlock(query.K, query.ScoringVectors?.Count ?? 0);
        var nowTicks = now.UtcTicks;
        while (true)
        {
            hits.Clear();
            var result = _index.Search(query.Vector, want);
            for (var i = 0; i < result.K && hits.Count < query.K; i++)
            {
                var slot = result.Ids[i];
                if (slot < 0 || slot >= _entries.Count || (excluded is not null ? excluded.Contains(slot) : excludedSlots.Length > 0 && excludedSlots.BinarySearch(slot) >= 0) || _entries[(int)slot] is not { IsHeld: true } held
                    || (seen is not null && seen.Contains(held.Card!.Keys.Id)))
                {
                    continue;
                }

                if (held.Passes(query.Filters, nowTicks))
                {
                    // Code lists give approximate scores: the hit gets the one of its re-score vector (read for the similarities anyway).
                    hits.Add(ToHit(held, _approximateScores ? float.NaN : result.Scores[i], query, block));
                }
            }

            if (hits.Count >= query.K || want >= most)
            {
                if (_approximateScores)
                {
                    hits.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.JobId, b.JobId));
                }

                return hits;
            }

            want = Math.Min(most, want * 4);
        }
    }

    /// <summary>The entries of the given ids that are held and pass the filters, scored against the query.</summary>
    public List<ShardHit> Lookup(IReadOnlyList<string> jobIds, ShardQuery query, DateTimeOffset now)
    {
        var hits = new List<ShardHit>(jobIds.Count);
        if (_index is null)
        {
            return hits;
        }

        CheckDimension(query);
        var exclude = query.Exclude is { Count: > 0 } ex ? ex as ExclusionSet ?? new ExclusionSet(ex) : null;
        // Each job once, however often it is asked for: the slots returned so far are checked on the stack for the usual few dozen
        // ids, in a set beyond that.
        Span<long> returnedSlots = stackalloc long[LookupSlotsOnStack];
        HashSet<long>? returned = jobIds.Count > LookupSlotsOnStack ? new HashSet<long>(jobIds.Count) : null;
        var block = new SimilarityBlock(jobIds.Count, query.ScoringVectors?.Count ?? 0);
        var nowTicks = now.UtcTicks;
        foreach (var id in jobIds)
        {
            if (_slots.TryGetValue(id, out var slot) && _entries[(int)slot] is { IsHeld: true } held && (exclude is null || !exclude.Contains(id))
                && held.Passes(query.Filters, nowTicks))
            {
                if (returned is not null ? !returned.Add(slot) : returnedSlots[..hits.Count].Contains(slot))
                {
                    continue;
                }

                if (returned is null)
                {
                    returnedSlots[hits.Count] = slot;
                }

                hits.Add(ToHit(held, float.NaN, query, block));
            }
        }

        return hits;
    }

    /// <summary>The entry of a job, or null when not held.</summary>
    public ShardEntry? Get(string jobId) => _slots.TryGetValue(jobId, out var slot) ? _entries[(int)slot].ToEntry() : null;

    /// <inheritdoc />
    public void Dispose() => _index?.Dispose();

    private void CheckDimension(ShardQuery query)
    {
        if (query.Vector.Length != _index!.Dimension)
        {
            throw new ArgumentException($"query vector has {query.Vector.Length} values; this shard holds dimension {_index.Dimension}", nameof(query));
        }
    }

    /// <summary>The hit of a slot: <paramref name="score"/>, or when NaN the query's inner product with the slot's re-score vector, and the
    /// similarities to the query's scoring vectors.</summary>
    private static ShardHit ToHit(Slot held, float score, ShardQuery query, SimilarityBlock block)
    {
        Span<float> embedding = held.Embedding!.Length <= ReScoreOnStack ? stackalloc float[held.Embedding.Length] : new float[held.Embedding.Length];
        ReScoreVector.Decode(held.Embedding, embedding);
        if (float.IsNaN(score))
        {
            score = VectorMath.Dot(query.Vector, embedding);
        }

        var extra = query.ScoringVectors;
        var sims = block.Next(extra?.Count ?? 0);
        var span = sims.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = VectorMath.Dot(extra![i], embedding);
        }

        return new ShardHit(held.Card!, score, sims);
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

    /// <summary>A slot: the card, the half-precision re-score vector and the closing time (UTC ticks, max when none) of its job; empty
    /// (no card) once replaced or removed. A search touches the slot and the vector, never an entry record.</summary>
    private readonly struct Slot
    {
        public Slot(JobCard card, Half[] embedding, DateTimeOffset? closesAt)
        {
            Card = card;
            Embedding = embedding;
            ClosesAtTicks = closesAt is { } closes ? closes.UtcTicks : long.MaxValue;
        }

        public JobCard? Card { get; }

        public Half[]? Embedding { get; }

        public long ClosesAtTicks { get; }

        /// <summary>Whether the slot holds a job (false once replaced or removed).</summary>
        public bool IsHeld => Card is not null;

        /// <summary>The entry of the slot (embedding decoded from half precision, closing time in UTC); null when empty.</summary>
        public ShardEntry? ToEntry()
        {
            if (Card is not { } card)
            {
                return null;
            }

            var embedding = new float[Embedding!.Length];
            ReScoreVector.Decode(Embedding, embedding);
            return new ShardEntry(card.Job, embedding, card.Skills, card.PostedAt, ClosesAtTicks == long.MaxValue ? null : new DateTimeOffset(ClosesAtTicks, TimeSpan.Zero));
        }

        /// <summary>Whether the entry is open at <paramref name="nowTicks"/> (UTC) and passes the filters.</summary>
        public bool Passes(SearchFilters? f, long nowTicks)
        {
            if (ClosesAtTicks <= nowTicks)
            {
                return false;
            }

            if (f is null || f.IsEmpty)
            {
                return true;
            }

            var job = Card!.Job;
            if (f.RemoteOnly && !job.Remote)
            {
                return false;
            }

            if (f.Region.Length > 0 && !string.Equals(job.Region, f.Region, StringComparison.OrdinalIgnoreCase) && !(f.IncludeRemote && job.Remote))
            {
                return false;
            }

            return f.OnetPrefix.Length == 0 || job.OnetCode.StartsWith(f.OnetPrefix, StringComparison.Ordinal);
        }
    }
}
