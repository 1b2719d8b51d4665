using JobRec.OrleansExtensions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace JobRec.OrleansExtensions.Clustering;

/// <summary>Joins a silo to a JobRec cluster on PostgreSQL: schema set-up at start, Orleans.Clustering.AdoNet membership (invariant "Npgsql"),
/// tuned failure detection, and grain state in <see cref="PostgresGrainStorage"/>.</summary>
public static class PostgresClusterSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant Orleans loads Npgsql by.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Configures membership and the default grain storage (and <paramref name="storageName"/> when another) on PostgreSQL.</summary>
    public static ISiloBuilder UseJobRecPostgresCluster(this ISiloBuilder silo, PostgresClusterOptions options, string storageName = "Default")
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options.ConnectionString));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaSetUp(options.ConnectionString));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ClusterId;
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = options.ConnectionString;
        });
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = options.ProbeTimeout;
            o.MaxProbeTimeout = options.MaxProbeTimeout;
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
            o.TableRefreshTimeout = options.TableRefresh;
            o.IAmAliveTablePublishTimeout = options.TableRefresh;
        });
        silo.AddJobRecPostgresGrainStorage(storageName, options.ConnectionString);
        return silo;
    }

    /// <summary>Applies <see cref="PostgresClusterSchema"/> before anything else of the silo starts.</summary>
    private sealed class SchemaSetUp(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(PostgresClusterSchema), ServiceLifecycleStage.First, ct => PostgresClusterSchema.EnsureAsync(connectionString, ct));
    }
}
