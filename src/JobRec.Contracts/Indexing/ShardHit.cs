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
    /// <summary>The job's <see cref="JobKeys"/> (computed once per stored job by an in-silo shard); not sent between silos, so null on
    /// a hit that crossed the wire: use <see cref="KeysOrComputed"/>.</summary>
    [JsonIgnore]
    public JobKeys? Keys { get; init; }

    /// <summary>The job's id, read from the keys when the shard supplied them (no trip to the card).</summary>
    [JsonIgnore]
    public string JobId => Keys is { } keys ? keys.Id : Job.Id;

    /// <summary>The job's keys: <see cref="Keys"/> when the shard supplied them, else computed from the card and skills.</summary>
    public JobKeys KeysOrComputed() => Keys ?? JobKeys.Of(Job, Skills);
}
