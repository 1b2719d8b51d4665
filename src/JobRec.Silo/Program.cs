using System.Reflection;
using JobRec.Actors.Benchmarks;
using JobRec.Actors.Cluster;
using JobRec.Actors.Hosting;
using Microsoft.AspNetCore.Builder;

namespace JobRec.Silo;

/// <summary>Silo host executable: the grain runtime with its Kestrel gateway and every grain class of JobRec.Grains.</summary>
public static class Program
{
    /// <summary>Runs a silo until it is stopped (Ctrl+C / SIGTERM); settings come from the "Silo" configuration section, e.g. --Silo:GatewayPort=30001.</summary>
    public static async Task<int> Main(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Builds the silo application: runtime, gateway, grain classes (and cluster membership when <paramref name="cluster"/> is given); HTTP endpoints are mapped on the returned app.</summary>
    public static WebApplication Build(string[] args, Action<SiloOptions>? configure = null, ClusterOptions? cluster = null)
    {
        var (builder, silo) = SiloHost.CreateBuilder(args, configure);
        silo.AddGrainsFromAssembly(typeof(PingGrain).Assembly)
            .AddGrainsFromAssembly(Assembly.Load("JobRec.Grains"));
        if (cluster is not null)
        {
            silo.UseJobRecCluster(builder, cluster);
        }

        return builder.Build();
    }
}
