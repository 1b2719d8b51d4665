using System.Net;
using JobRec.Actors.Hosting;
using JobRec.Actors.Runtime;
using JobRec.Actors.Storage;
using JobRec.Actors.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JobRec.Actors.Cluster;

/// <summary>Turns a silo into a cluster member: partition placement and fencing from PostgreSQL leases, grain state in PostgreSQL, silo-to-silo forwarding on its own Kestrel listener, and the lease loop.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>Connections one silo opens to PostgreSQL at most when the connection string does not say.</summary>
    public const int DefaultMaxPoolSize = 24;

    /// <summary>Makes the silo of <paramref name="builder"/> a member of the cluster described by <paramref name="options"/> (validated here); call after AddJobRecSilo.</summary>
    public static SiloBuilder UseJobRecCluster(this SiloBuilder silo, WebApplicationBuilder builder, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!IPAddress.TryParse(options.SiloAddress, out var address))
        {
            throw new ArgumentException($"ClusterOptions.SiloAddress '{options.SiloAddress}' is not an IP address.");
        }

        var services = builder.Services;
        var map = new PartitionMap(options.PartitionCount);
        var ownership = new PartitionOwnership(map);
        services.AddSingleton(options);
        services.AddSingleton(_ => NpgsqlDataSource.Create(WithPoolLimit(options.ConnectionString)));
        services.AddSingleton(map);
        services.AddSingleton(ownership);
        services.AddSingleton<IFencingTokenSource>(ownership);
        services.AddSingleton(sp => new PartitionGrainPlacement(sp.GetRequiredService<NpgsqlDataSource>(), ownership));
        services.AddSingleton<IGrainPlacement>(sp => sp.GetRequiredService<PartitionGrainPlacement>());
        services.AddSingleton<GatewaySiloTransport>();
        services.AddSingleton<ISiloMessageTransport>(sp => sp.GetRequiredService<GatewaySiloTransport>());
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, _) => new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), map));
        services.AddSingleton(sp => new PartitionLeaseTable(sp.GetRequiredService<NpgsqlDataSource>(), options.SiloId, options.LeaseDuration));
        services.AddSingleton(sp => new MembershipTable(sp.GetRequiredService<NpgsqlDataSource>(), options.LeaseDuration));
        services.AddSingleton<MembershipGatewayList>();
        services.AddSingleton<IGatewayListProvider>(sp => sp.GetRequiredService<MembershipGatewayList>());
        services.AddSingleton<SiloToSiloEndpoint>();
        services.AddSingleton<ClusterSiloService>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSiloService>());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, options.SiloPort, listen =>
            {
                listen.UseConnectionHandler<GatewayConnectionHandler>();
                kestrel.ApplicationServices.GetRequiredService<SiloToSiloEndpoint>().Attach(listen);
            });
        });
        return silo;
    }

    /// <summary>Caps the silo's connection pool (unless the connection string sets one) so several silos fit in PostgreSQL's max_connections.</summary>
    private static string WithPoolLimit(string connectionString)
    {
        if (connectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }
}
