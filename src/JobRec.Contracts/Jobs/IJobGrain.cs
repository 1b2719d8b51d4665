using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Security;

namespace JobRec.Contracts.Jobs;

/// <summary>One job posting keyed by its id: posting, embedding, O*NET code, skills, counters; keeps its index shard up to date.</summary>
[Alias("jobrec.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the posting, encodes and classifies it, and (re)indexes it; returns the stored view.</summary>
    Task<JobView> UpsertAsync(JobInput posting);

    /// <summary>Stores a posting whose embedding was computed in bulk (ingest path) and indexes it; it extracts no skills (the job's extracted
    /// skills become empty): bulk importers use <see cref="ImportEncodedAsync"/>.</summary>
    [InternalGrainMethod]
    Task<JobView> UpsertEncodedAsync(JobInput posting, [Immutable] float[] embedding);

    /// <summary>Bulk import: stores (and classifies) the posting with its precomputed embedding and the skills the inference pool extracted
    /// (<see cref="Inference.IInferenceWorkerGrain.ExtractImportSkillsAsync"/>; <paramref name="skillModel"/> names what extracted them: "tagger",
    /// "dictionary", or empty for none) but does not index it: the caller sends <see cref="JobImportResult.Entry"/> to the job's shard (batched
    /// with other jobs). Idempotent: the same call run twice leaves the same state, so a timed-out call may be retried.</summary>
    [InternalGrainMethod]
    Task<JobImportResult> ImportEncodedAsync(JobInput posting, [Immutable] float[] embedding, [Immutable] IReadOnlyList<string> extractedSkills, string skillModel);

    /// <summary>The stored job, or null when this id was never created.</summary>
    [ReadOnly]
    Task<JobView?> GetAsync();

    /// <summary>The list fields of the job, or null when unknown.</summary>
    [ReadOnly]
    Task<JobSummary?> GetSummaryAsync();

    /// <summary>The job's L2-normalised embedding, or null when unknown.</summary>
    [InternalGrainMethod]
    [ReadOnly]
    [return: Immutable]
    Task<float[]?> GetEmbeddingAsync();

    /// <summary>Closes the job and removes it from its shard; returns false when the job does not exist.</summary>
    Task<bool> CloseAsync();

    /// <summary>Counts one interaction and remembers which other jobs the same user touched recently (co-interactions); called by the user's grain.</summary>
    [InternalGrainMethod]
    Task RecordInteractionAsync(InteractionKind kind, [Immutable] IReadOnlyList<string> coInteractedJobIds);

    /// <summary>Adds counters and co-interactions aggregated by bulk ingest.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [InternalGrainMethod]
    Task ImportStatisticsAsync(JobStatistics delta);

    /// <summary>Jobs most often touched by the same users as this one, most frequent first, at most <paramref name="count"/>.</summary>
    [ReadOnly]
    [return: Immutable]
    Task<IReadOnlyList<string>> GetCoInteractedAsync(int count);
}
