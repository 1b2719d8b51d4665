using Orleans;
using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Indexing;

/// <summary>What an index shard stores for one job: its embedding and the card fields that filters, features and result lists need.</summary>
/// <param name="Job">List fields of the job (id, title, region, remote, O*NET code...).</param>
/// <param name="Embedding">L2-normalised embedding.</param>
/// <param name="Skills">The job's skills.</param>
/// <param name="PostedAt">When posted, when known.</param>
/// <param name="ClosesAt">When it closes, when known; past this time the shard no longer returns it.</param>
[GenerateSerializer, Immutable, Alias("jobrec.ShardEntry")]
public sealed record ShardEntry(JobSummary Job, float[] Embedding, IReadOnlyList<string> Skills, DateTimeOffset? PostedAt, DateTimeOffset? ClosesAt);
