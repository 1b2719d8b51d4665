using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Security;

namespace JobRec.Contracts.Recommendations;

/// <summary>Keeps interaction counts per job (applies weigh more) and serves the most popular jobs as a candidate source; key "global".</summary>
[Alias("jobrec.IPopularityGrain")]
public interface IPopularityGrain : IGrainWithStringKey
{
    /// <summary>Adds weight to jobs' popularity (job id to weight).</summary>
    [InternalGrainMethod]
    Task AddAsync([Immutable] IReadOnlyDictionary<string, float> weights);

    /// <summary>The most popular jobs with their popularity normalised to 0..1, best first; the ranking is refreshed at most once a second while counts keep changing.</summary>
    [ReadOnly]
    [return: Immutable]
    Task<IReadOnlyList<KeyValuePair<string, float>>> TopAsync(int count);

    /// <summary>Popularity of the given jobs normalised to 0..1 (0 when unknown); the same lookup as <see cref="PopularityOfKeysAsync"/> on
    /// the ids' keys.</summary>
    [ReadOnly]
    [return: Immutable]
    Task<float[]> PopularityOfAsync([Immutable] IReadOnlyList<string> jobIds);

    /// <summary>Popularity of the jobs with the given id keys (<see cref="Indexing.JobKeys.IdKey"/>, <see cref="Indexing.StableKey.Of"/>
    /// of the id) normalised to 0..1 (0 when unknown): what a recommend asks for its candidates, whose keys its shards computed once,
    /// so no id string is hashed again. Two ids sharing a key (probability about n^2 / 2^65) share their summed count.</summary>
    [ReadOnly]
    [return: Immutable]
    [InternalGrainMethod]
    Task<float[]> PopularityOfKeysAsync([Immutable] IReadOnlyList<ulong> jobKeys);
}
