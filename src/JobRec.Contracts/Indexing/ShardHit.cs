using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Indexing;

/// <summary>One hit of a shard: the job's card, its inner product with the query and with each extra scoring vector.</summary>
/// <param name="Job">List fields of the job.</param>
/// <param name="Score">Inner product with the query vector.</param>
/// <param name="Similarities">Inner product with each of the query's <see cref="ShardQuery.ScoringVectors"/>, in order.</param>
/// <param name="Skills">The job's skills.</param>
/// <param name="PostedAt">When posted, when known.</param>
public sealed record ShardHit(JobSummary Job, float Score, float[] Similarities, IReadOnlyList<string> Skills, DateTimeOffset? PostedAt);
