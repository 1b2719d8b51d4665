using System.Text.Json.Serialization;
using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Indexing;

/// <summary>One hit of a shard: the job's card, its inner product with the query and with each extra scoring vector.</summary>
/// <param name="Job">List fields of the job.</param>
/// <param name="Score">Inner product with the query vector.</param>
/// <param name="Similarities">Inner product with each of the query's <see cref="ShardQuery.ScoringVectors"/>, in order (hits of one search share one array).</param>
/// <param name="Skills">The job's skills.</param>
/// <param name="PostedAt">When posted, when known.</param>
public sealed record ShardHit(JobSummary Job, float Score, ReadOnlyMemory<float> Similarities, IReadOnlyList<string> Skills, DateTimeOffset? PostedAt)
{
    /// <summary>The skills as <see cref="Indexing.SkillKeys"/> (computed once per stored job by an in-silo shard); not sent between silos,
    /// so null on a hit that crossed the wire: use <see cref="KeysOfSkills"/>.</summary>
    [JsonIgnore]
    public ulong[]? SkillKeys { get; init; }

    /// <summary>The skills as sorted distinct keys: <see cref="SkillKeys"/> when the shard supplied them, else computed from <see cref="Skills"/>.</summary>
    public ulong[] KeysOfSkills() => SkillKeys ?? Indexing.SkillKeys.Of(Skills);
}
