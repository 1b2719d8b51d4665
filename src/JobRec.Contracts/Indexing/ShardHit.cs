using Orleans;
using System.Text.Json.Serialization;
using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Indexing;

/// <summary>One hit of a shard: the job's card, its inner product with the query and with each extra scoring vector. In a silo the hit
/// refers to the card its shard keeps for the job (no copy per hit); a hit that crossed the wire gets a card of its own.</summary>
[GenerateSerializer, Immutable, Alias("jobrec.ShardHit")]
public sealed class ShardHit
{
    /// <summary>A hit with a card of its own, built from the card's fields (how a hit arrives from another silo).</summary>
    /// <param name="job">List fields of the job.</param>
    /// <param name="score">Inner product with the query vector.</param>
    /// <param name="similarities">Inner product with each of the query's <see cref="ShardQuery.ScoringVectors"/>, in order.</param>
    /// <param name="skills">The job's skills.</param>
    /// <param name="postedAt">When posted, when known.</param>
    [JsonConstructor]
    public ShardHit(JobSummary job, float score, ReadOnlyMemory<float> similarities, IReadOnlyList<string> skills, DateTimeOffset? postedAt)
        : this(new JobCard(job, skills, postedAt), score, similarities)
    {
    }

    /// <summary>A hit on a shard's card.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="card"/> is null.</exception>
    public ShardHit(JobCard card, float score, ReadOnlyMemory<float> similarities)
    {
        ArgumentNullException.ThrowIfNull(card);
        Card = card;
        Score = score;
        Similarities = similarities;
    }

    /// <summary>The card: list fields, skills, posting time and keys.</summary>
    [JsonIgnore]
    [Id(0)]
    public JobCard Card { get; }

    /// <summary>List fields of the job.</summary>
    public JobSummary Job => Card.Job;

    /// <summary>Inner product with the query vector.</summary>
    [Id(1)]
    public float Score { get; }

    /// <summary>Inner product with each of the query's <see cref="ShardQuery.ScoringVectors"/>, in order (hits of one search share one array).</summary>
    [Id(2)]
    public ReadOnlyMemory<float> Similarities { get; }

    /// <summary>The job's skills.</summary>
    public IReadOnlyList<string> Skills => Card.Skills;

    /// <summary>When posted, when known.</summary>
    public DateTimeOffset? PostedAt => Card.PostedAt;

    /// <summary>The job's id.</summary>
    [JsonIgnore]
    public string JobId => Card.Keys.Id;

    /// <summary>The job's <see cref="JobKeys"/> (computed once per card).</summary>
    [JsonIgnore]
    public JobKeys Keys => Card.Keys;
}
