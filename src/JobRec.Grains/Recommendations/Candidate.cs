using JobRec.Contracts.Indexing;

namespace JobRec.Grains.Recommendations;

/// <summary>A candidate job during ranking: its shard hit and which generators proposed it (a bit per generator). A value held in the
/// recommend's pooled <see cref="CandidateSet"/> list: a recommend ranks about 130 candidates, and an object each was a fifth of the
/// bytes it allocated.</summary>
internal struct Candidate(ShardHit hit)
{
    // In the ordinal order of the names, so SourceNames comes out sorted.
    private static readonly string[] Names = [CandidateSources.CoInteraction, CandidateSources.Popular, CandidateSources.Semantic];
    private byte _sources;

    public ShardHit Hit { get; set; } = hit;

    public float Popularity { get; set; }

    public float Score { get; set; }

    /// <summary>Records that the named generator proposed this job.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="CandidateSources"/>.</exception>
    public void AddSource(string source) => _sources |= Bit(source);

    /// <summary>Whether the named generator proposed this job.</summary>
    public readonly bool HasSource(string source) => (_sources & Bit(source)) != 0;

    // The name list of every combination of sources, shared by all candidates (a served list is cached by its user grain for as long
    // as the user's state is unchanged, so a list per recommended job would be long-lived garbage).
    private static readonly IReadOnlyList<string>[] NamesOf = Enumerable.Range(0, 1 << Names.Length)
        .Select(mask => (IReadOnlyList<string>)Array.AsReadOnly(Names.Where((_, i) => (mask & (1 << i)) != 0).ToArray()))
        .ToArray();

    /// <summary>The generators that proposed this job, in ordinal order of their names (a shared read-only list).</summary>
    public readonly IReadOnlyList<string> SourceNames() => NamesOf[_sources];

    private static byte Bit(string source)
    {
        var i = Array.IndexOf(Names, source);
        return i >= 0 ? (byte)(1 << i) : throw new ArgumentException($"'{source}' is not a candidate source", nameof(source));
    }
}
