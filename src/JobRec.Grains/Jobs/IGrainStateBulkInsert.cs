using Orleans.Runtime;

namespace JobRec.Grains.Jobs;

/// <summary>Inserts many new grain states in one round trip into the storage the job grains use, each as a write with no ETag would
/// (only where no state is stored yet): <see cref="JobImportGrain"/> writes a chunk of new jobs at once where the silo registers one
/// (a cluster on PostgreSQL does), else one insert per job.</summary>
public interface IGrainStateBulkInsert
{
    /// <summary>Inserts each state whose grain has none stored under <paramref name="stateName"/>, leaving stored ones untouched; returns
    /// the ids inserted (a grain named twice is inserted at most once). All or nothing per call.</summary>
    Task<IReadOnlySet<GrainId>> InsertNewAsync<T>(string stateName, IReadOnlyList<KeyValuePair<GrainId, T>> states);
}
