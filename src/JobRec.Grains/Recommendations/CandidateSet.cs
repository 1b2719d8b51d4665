using Microsoft.Extensions.ObjectPool;

namespace JobRec.Grains.Recommendations;

/// <summary>
/// The working collections of one recommend: candidates by job id, the extra (co-interaction and popular) ids with their source, and
/// the candidate list that gets scored. Recommends take a set from a pool and give it back cleared, so the maps' arrays (several KiB a
/// recommend) are not garbage each time; nothing handed out of a recommend refers to them.
/// </summary>
internal sealed class CandidateSet
{
    private static readonly ObjectPool<CandidateSet> Pool = new DefaultObjectPoolProvider { MaximumRetained = 64 }.Create(new Policy());

    /// <summary>Candidates by job id.</summary>
    public Dictionary<string, Candidate> ById { get; } = new(256);

    /// <summary>Co-interaction and popular job ids with the source that proposed them first.</summary>
    public Dictionary<string, string> Extra { get; } = new(64);

    /// <summary>The candidates in the order they are scored.</summary>
    public List<Candidate> List { get; } = new(256);

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
