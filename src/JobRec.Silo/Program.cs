using JobRec.Actors.Benchmarks;
using JobRec.Actors.Cluster;
using JobRec.Actors.Hosting;
using JobRec.Grains.Hosting;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using Microsoft.AspNetCore.Builder;

namespace JobRec.Silo;

/// <summary>Silo host executable: the grain runtime with its Kestrel gateway, the benchmark grains and the serving grains of JobRec.Grains with their services.</summary>
public static class Program
{
    /// <summary>Runs a silo until it is stopped (Ctrl+C / SIGTERM); settings come from the "Silo" configuration section, e.g. --Silo:GatewayPort=30001.</summary>
    public static async Task<int> Main(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Builds the silo application: runtime, gateway, benchmark grains, serving grains (user, job, index shard, inference, search, popularity, catalog) with their
    /// options, shard store and models (and cluster membership when <paramref name="cluster"/> is given); HTTP endpoints are mapped on the returned app.</summary>
    /// <param name="args">Configuration arguments.</param>
    /// <param name="configure">Silo settings.</param>
    /// <param name="cluster">Cluster membership, or null for a single silo.</param>
    /// <param name="serving">Serving settings; null: defaults with shard logs under ./.jobrec/index.</param>
    /// <param name="encoder">Text encoder of the inference pool; null: the hashed lexical encoder (512-d, no IDF), identical on every silo.</param>
    public static WebApplication Build(string[] args, Action<SiloOptions>? configure = null, ClusterOptions? cluster = null, ServingOptions? serving = null, ITextEncoder? encoder = null)
    {
        var (builder, silo) = SiloHost.CreateBuilder(args, configure);
        silo.AddGrainsFromAssembly(typeof(PingGrain).Assembly)
            .AddJobRecServing(serving ?? new ServingOptions { IndexDirectory = Path.Combine(".jobrec", "index") }, encoder ?? new HashedTextEncoder());
        if (cluster is not null)
        {
            silo.UseJobRecCluster(builder, cluster);
        }

        return builder.Build();
    }
}
