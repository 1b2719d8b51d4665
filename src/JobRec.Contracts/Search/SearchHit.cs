using Orleans;
using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Search;

/// <summary>One search result: the job and its similarity to the query.</summary>
/// <param name="Job">The job's list fields.</param>
/// <param name="Score">Cosine similarity between query and job embeddings.</param>
[GenerateSerializer, Immutable, Alias("jobrec.SearchHit")]
public sealed record SearchHit(JobSummary Job, float Score);
