using JobRec.Grains.Jobs;
using JobRec.OrleansExtensions.Storage;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobRec.Silo.Hosting;

/// <summary><see cref="IGrainStateBulkInsert"/> over a cluster's PostgreSQL grain storage (<see cref="PostgresGrainStorage.InsertNewAsync{T}"/>):
/// the bulk job import inserts a chunk's new job states in one statement instead of one round trip per job.</summary>
public sealed class PostgresGrainStateBulkInsert(PostgresGrainStorage storage) : IGrainStateBulkInsert
{
    /// <summary>The adapter over the grain storage registered as <paramref name="storageName"/>, when that is a <see cref="PostgresGrainStorage"/>;
    /// throws naming the storage otherwise.</summary>
    public static PostgresGrainStateBulkInsert For(IServiceProvider services, string storageName) =>
        services.GetRequiredKeyedService<IGrainStorage>(storageName) is PostgresGrainStorage postgres
            ? new PostgresGrainStateBulkInsert(postgres)
            : throw new InvalidOperationException($"grain storage '{storageName}' is not PostgreSQL: the bulk insert needs PostgresGrainStorage");

    /// <inheritdoc />
    public Task<IReadOnlySet<GrainId>> InsertNewAsync<T>(string stateName, IReadOnlyList<KeyValuePair<GrainId, T>> states) =>
        storage.InsertNewAsync(stateName, states);
}
