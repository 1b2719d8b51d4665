using JobRec.Contracts.Indexing;

namespace JobRec.Grains.Recommendations;

/// <summary>A candidate job during ranking: its shard card and which generators proposed it.</summary>
internal sealed class Candidate(ShardHit hit)
{
    public ShardHit Hit { get; set; } = hit;
    public HashSet<string> Sources { get; } = [];
    public float Popularity { get; set; }
    public float Score { get; set; }
}
