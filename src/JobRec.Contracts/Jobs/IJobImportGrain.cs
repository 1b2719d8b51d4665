using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Security;

namespace JobRec.Contracts.Jobs;

/// <summary>
/// Bulk import of jobs without activating a grain per job: a stateless worker writes each new job's state straight to the job grains'
/// storage (insert only) and returns the shard entries, which the importer sends one call per shard. A job already stored goes through
/// its grain (<see cref="IJobGrain.ImportEncodedAsync"/>), so an import run again, resumed or retried replaces instead of duplicating.
/// </summary>
[Alias("jobrec.IJobImportGrain")]
public interface IJobImportGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the jobs (at most <see cref="ContractLimits.MaxBatchItems"/>) and returns, in order, whether each was new, its shard
    /// entry and shard. Validates every job as <see cref="IJobGrain.ImportEncodedAsync"/> does before storing any.</summary>
    [InternalGrainMethod]
    Task<IReadOnlyList<JobImportResult>> ImportAsync([Immutable] IReadOnlyList<JobImportItem> jobs);
}
