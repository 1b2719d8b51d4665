using System.Net;
using System.Net.Sockets;
using JobRec.Grains.Hosting;
using JobRec.Grains.Indexing;
using JobRec.ML.Models;
using JobRec.Silo.Models;
using JobRec.Silo.Indexing;
using JobRec.OrleansExtensions.Clustering;
using JobRec.OrleansExtensions.Storage;
using Orleans.Configuration;
using Orleans.Connections.Security;
using JobRec.Contracts.Security;

namespace JobRec.Silo.Hosting;

/// <summary>The one composition of a JobRec serving silo on Orleans, used by <c>jobrec silo</c>, <c>jobrec serve</c>, <c>jobrec demo</c>,
/// the benchmarks and the tests: endpoints, membership (localhost, or Orleans.Clustering.AdoNet on PostgreSQL), grain storage (SQLite
/// under the data folder, memory, or PostgreSQL), the index shard store (files under the data folder, or PostgreSQL in a cluster), the
/// serving grains' services and models (the model store: PostgreSQL in a cluster, else DataDirectory/models).</summary>
public static class JobRecSiloBuilderExtensions
{
    /// <summary>Configures <paramref name="silo"/> per <paramref name="options"/>; <paramref name="serving"/> is the serving settings with their
    /// index folder resolved.</summary>
    public static ISiloBuilder AddJobRecSilo(this ISiloBuilder silo, ServingHostOptions options, ServingOptions serving)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serving);
        if (!IPAddress.TryParse(options.Address, out var address))
        {
            throw new ArgumentException($"silo address '{options.Address}' must be an IP address (e.g. 127.0.0.1)", nameof(options));
        }

        // Models: the cluster's PostgreSQL (every silo reads the same store), else a folder beside the embedded silo's state.
        serving = serving with
        {
            ModelStore = serving.ModelStore ?? (options.Cluster is { } c
                ? new PostgresModelStore(c.ConnectionString)
                : new FolderModelStore(Path.Combine(options.DataDirectory, "models"))),
        };
        // The connection guard first, so it wraps TLS: a connection that never finishes its handshake is counted and timed out too.
        silo.Services.AddSingleton(options.GatewayLimits);
        silo.Services.AddSingleton<GatewayConnectionGuard>();
        silo.Configure<SiloConnectionOptions>(o => o.ConfigureGatewayInboundConnection(
            b => b.Use(b.ApplicationServices.GetRequiredService<GatewayConnectionGuard>().Wrap)));
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.MaxMessageBodySize = options.GatewayLimits.MaxMessageBodyBytes;
            o.MaxMessageHeaderSize = options.GatewayLimits.MaxMessageHeaderBytes;
        });
        if (options.Tls is { } tls)
        {
            var certificate = tls.LoadCertificate();
            var authority = tls.LoadAuthority();
            silo.UseTls(o =>
            {
                o.LocalCertificate = certificate;
                o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.RemoteCertificateValidation = (peer, _, _) => ClusterTlsOptions.IsIssuedBy(peer, authority);
            });
        }
        else if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"silo address {address} is not loopback: its gateway and silo-to-silo ports need TLS with client certificates (set Tls: JOBREC_TLS_CERT, JOBREC_TLS_KEY, JOBREC_TLS_CA) or bind 127.0.0.1", nameof(options));
        }

        var siloPort = options.SiloPort > 0 ? options.SiloPort : FreePort(address);
        if (options.Cluster is { } cluster)
        {
            if (options.InMemoryState)
            {
                throw new ArgumentException("a cluster keeps grain state in PostgreSQL; InMemoryState is for the embedded silo only", nameof(options));
            }

            silo.ConfigureEndpoints(address, siloPort, options.GatewayPort);
            silo.UseJobRecPostgresCluster(cluster);
            // Shard entries in the cluster's database, not in a folder only this machine sees: a shard activating on another silo rebuilds
            // from the same entries.
            silo.Services.AddSingleton<IShardEntryStore>(_ => new PostgresShardEntryStore(PostgresPools.Create(cluster.ConnectionString, PostgresPools.ShardStoreConnections), serving.ShardCount));
            // The bulk job import inserts a chunk's new job states in one statement.
            silo.Services.AddSingleton<JobRec.Grains.Jobs.IGrainStateBulkInsert>(sp => PostgresGrainStateBulkInsert.For(sp, "Default"));
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, options.GatewayPort, new IPEndPoint(address, siloPort), serviceId: "jobrec", clusterId: "jobrec");
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = address;
                o.SiloListeningEndpoint = new IPEndPoint(address, siloPort);
                o.GatewayListeningEndpoint = options.GatewayPort > 0 ? new IPEndPoint(address, options.GatewayPort) : null;
            });
            if (options.InMemoryState)
            {
                silo.AddJobRecMemoryGrainStorage("Default");
            }
            else
            {
                silo.AddJobRecSqliteGrainStorage("Default", options.StoragePath ?? Path.Combine(options.DataDirectory, "grain-state.db"));
            }
        }

        if (options.SiloName is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }

        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
        // The directory cache keeps an address per grain called, up to 1,000,000 by default (about 450 bytes each): after a bulk import that
        // is one per job, long deactivated. The hot grains (users, shards, jobs being read) fit in far fewer.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
        silo.AddJobRecServing(serving, options.Encoder, options.Scorer, options.Classifier, options.Skills);
        silo.AddJobRecGatewayGuard(options.OperatorKey);
        return silo;
    }

    /// <summary>Grain addresses the silo's directory cache keeps (Orleans' default is 1,000,000).</summary>
    public const int DirectoryCacheSize = 100_000;

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
