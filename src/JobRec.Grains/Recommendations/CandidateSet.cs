using System.Runtime.InteropServices;
using JobRec.Contracts.Indexing;
using Microsoft.Extensions.ObjectPool;

namespace JobRec.Grains.Recommendations;

/// <summary>
/// The working collections of one recommend: the candidates (values, in the order found) with an index by job id, and the extra
/// (co-interaction and popular) ids with their source. Recommends take a set from a pool and give it back cleared, so the maps' arrays (several KiB a
/// recommend) are not garbage each time; nothing handed out of a recommend refers to them.
/// </summary>
internal sealed class CandidateSet
{
    private static readonly ObjectPool<CandidateSet> Pool = new DefaultObjectPoolProvider { MaximumRetained = 64 }.Create(new Policy());

    /// <summary>Index in <see cref="List"/> of each candidate's job id.</summary>
    public Dictionary<string, int> ById { get; } = new(256);

    /// <summary>Co-interaction and popular job ids with the source that proposed them first.</summary>
    public Dictionary<string, string> Extra { get; } = new(64);

    /// <summary>The candidates in the order they were found (and are scored).</summary>
    public List<Candidate> List { get; } = new(256);

    /// <summary>Records that <paramref name="source"/> proposed the hit's job: a new candidate the first time, another source bit after.</summary>
    public void Add(ShardHit hit, string source)
    {
        var id = hit.JobId;
        if (ById.TryGetValue(id, out var at))
        {
            CollectionsMarshal.AsSpan(List)[at].AddSource(source);
            return;
        }

        var candidate = new Candidate(hit);
        candidate.AddSource(source);
        ById[id] = List.Count;
        List.Add(candidate);
    }

    /// <summary>Adds <paramref name="source"/> to the candidate of <paramref name="jobId"/>; false when there is none.</summary>
    public bool AddSourceTo(string jobId, string source)
    {
        if (!ById.TryGetValue(jobId, out var at))
        {
            return false;
        }

        CollectionsMarshal.AsSpan(List)[at].AddSource(source);
        return true;
    }

    /// <summary>A cleared set from the pool (or a new one).</summary>
    public static CandidateSet Rent() => Pool.Get();

    /// <summary>Clears the set and hands it back to the pool; it must not be used after.</summary>
    public static void Return(CandidateSet set) => Pool.Return(set);

    private sealed class Policy : IPooledObjectPolicy<CandidateSet>
    {
        // Sets that grew far past a usual recommend are dropped rather than kept at that size.
        private const int MaxRetainedCapacity = 4096;

        public CandidateSet Create() => new();

        public bool Return(CandidateSet set)
        {
            if (set.ById.Count > MaxRetainedCapacity || set.List.Capacity > MaxRetainedCapacity || set.Extra.Count > MaxRetainedCapacity)
            {
                return false;
            }

            set.ById.Clear();
            set.Extra.Clear();
            set.List.Clear();
            return true;
        }
    }
}
