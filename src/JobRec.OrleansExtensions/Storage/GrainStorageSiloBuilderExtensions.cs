using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;

namespace JobRec.OrleansExtensions.Storage;

/// <summary>Registers JobRec's grain storage providers on a silo under a provider name ("Default" is what <c>Grain&lt;T&gt;</c> and
/// <c>[PersistentState]</c> without a storage name use).</summary>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>Grain state in the SQLite file <paramref name="path"/> (created when missing).</summary>
    public static ISiloBuilder AddJobRecSqliteGrainStorage(this ISiloBuilder silo, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrEmpty(path);
        silo.Services.AddGrainStorage(name, (_, _) => new SqliteGrainStorage(path));
        return silo;
    }

    /// <summary>Grain state in this process's memory (tests and benchmarks).</summary>
    public static ISiloBuilder AddJobRecMemoryGrainStorage(this ISiloBuilder silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddGrainStorage(name, (_, _) => new InMemoryGrainStorage());
        return silo;
    }

    /// <summary>Grain state in PostgreSQL (table jobrec_grain_state; <see cref="Clustering.PostgresClusterSchema"/> creates it), over a pool of
    /// <see cref="PostgresPools.GrainStorageConnections"/> connections unless the connection string sets its own size.</summary>
    public static ISiloBuilder AddJobRecPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.Services.AddKeyedSingleton(name + ".npgsql", (_, _) => PostgresPools.Create(connectionString, PostgresPools.GrainStorageConnections));
        silo.Services.AddGrainStorage(name, (sp, n) => new PostgresGrainStorage(sp.GetRequiredKeyedService<NpgsqlDataSource>(n + ".npgsql")));
        return silo;
    }
}
