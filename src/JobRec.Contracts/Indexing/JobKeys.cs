using Orleans;
using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Indexing;

/// <summary>
/// What ranking compares of a job, as 64-bit keys computed once when a shard stores it: its skills (<see cref="SkillKeys"/>), its region
/// (case ignored), its O*NET code and whether it is remote, with the job's id. A value held inside the shard's slot and the hit, so
/// features read the hit they were just handed instead of the job's card and its strings (each a cold cache line per candidate).
/// Keys are stable across processes; two different values share one with probability about n^2 / 2^65.
/// </summary>
/// <param name="Id">The job's id (the same string as the card's).</param>
/// <param name="Skills">Sorted distinct skill keys.</param>
/// <param name="Region">Key of the region, 0 when the job has none.</param>
/// <param name="Onet">Key of the O*NET code, 0 when the job has none.</param>
/// <param name="Remote">Whether the job is remote.</param>
/// <param name="IdKey">Key of the id (<see cref="StableKey.Of"/>), how per-job numbers are looked up without hashing the string again.</param>
[GenerateSerializer, Immutable, Alias("jobrec.JobKeys")]
public readonly record struct JobKeys(string Id, ulong[] Skills, ulong Region, ulong Onet, bool Remote, ulong IdKey)
{
    /// <summary>The keys of a job's card and skills.</summary>
    public static JobKeys Of(JobSummary job, IReadOnlyList<string> skills)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(skills);
        return new JobKeys(job.Id, SkillKeys.Of(skills), RegionKey(job.Region), OnetKey(job.OnetCode), job.Remote, StableKey.Of(job.Id));
    }

    /// <summary>Key of a region compared ignoring case (as <see cref="StringComparison.OrdinalIgnoreCase"/>), 0 for an empty one.</summary>
    public static ulong RegionKey(string? region) => string.IsNullOrEmpty(region) ? 0 : StableKey.OfUpperInvariant(region);

    /// <summary>Key of an O*NET code compared exactly, 0 for an empty one.</summary>
    public static ulong OnetKey(string? code) => string.IsNullOrEmpty(code) ? 0 : StableKey.Of(code);
}
