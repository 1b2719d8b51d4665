using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.OrleansExtensions.Storage;
using JobRec.Vectors.Ivf;
using Orleans.TestingHost;
using JobRec.ML.Text;

namespace JobRec.Grains.Tests.Serving;

/// <summary>An Orleans in-process test cluster (one silo) with the serving grains over our SQLite grain storage and shard logs in a temp folder, loaded with a small synthetic market.</summary>
internal sealed class ServingCluster : IAsyncDisposable
{
    private ServingCluster(InProcessTestCluster cluster, string directory, SyntheticMarket market)
    {
        Cluster = cluster;
        Directory = directory;
        Market = market;
    }

    public InProcessTestCluster Cluster { get; }
    public string Directory { get; }
    public SyntheticMarket Market { get; }
    public IGrainFactory GrainFactory => Cluster.Client;

    public static async Task<ServingCluster> StartAsync(int jobs = 300, int users = 40)
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-grains-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = jobs, Users = users, Seed = 7 });
        // The shards cluster their inverted files at 32 jobs, so every serving test runs on the approximate (probing) path, not an exact scan,
        // over signed-byte lists as served by default (approximate index scores, hits re-scored exactly).
        var options = new ServingOptions
        {
            ShardCount = 4,
            IndexDirectory = Path.Combine(dir, "index"),
            Clock = () => market.TrainEnd,
            InvertedFile = new InvertedFileOptions { MinTrainSize = 32, Encoding = InvertedListEncoding.Int8 },
        };
        var encoder = new HashedTextEncoder(256);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddJobRecSqliteGrainStorage("Default", Path.Combine(dir, "state.db")).AddJobRecServing(options, encoder));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var sink = new GrainIngestSink(cluster.Client);
        await sink.UpsertOccupationsAsync(market.Occupations().ToList());
        await sink.UpsertJobsAsync(market.Jobs().ToList());
        await sink.UpsertUsersAsync(market.Users().ToList());
        await sink.AddInteractionsAsync(market.TrainInteractions().ToList());
        return new ServingCluster(cluster, dir, market);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file briefly; the temp folder is cleaned by the OS.
        }
    }
}
