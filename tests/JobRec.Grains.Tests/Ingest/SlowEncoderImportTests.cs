using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Jobs;
using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.Grains.Jobs;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.OrleansExtensions.Storage;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace JobRec.Grains.Tests.Ingest;

/// <summary>An import into grains whose encoder is far slower than the grain-call timeout allows for a burst of encode calls.</summary>
public sealed class SlowEncoderImportTests
{
    // 4 ms per text: 1,280 jobs are 5.1 s of encoding, against a 3 s call timeout.
    private const int Jobs = 1280;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Import_with_a_slow_encoder_completes_without_timeouts_and_indexes_every_job()
    {
        await using var cluster = await StartAsync();
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = Jobs, Users = 10, Seed = 3 });
        var jobs = market.Jobs().ToList();

        // The setting is one where a burst times out: 20 encode calls of 64 texts given to the pool at once, as the importer used to.
        var worker = cluster.Client.GetGrain<IInferenceWorkerGrain>("0");
        await Assert.ThrowsAnyAsync<TimeoutException>(() => Task.WhenAll(jobs.Chunk(64).Select(c => worker.EncodeAsync(c.Select(j => j.Title).ToList()))));

        var sink = new GrainIngestSink(cluster.Client, parallelism: 32, targetLatency: TimeSpan.FromMilliseconds(600));
        var created = await sink.UpsertJobsAsync(jobs);

        Assert.Equal(Jobs, created);
        Assert.Equal(Jobs, sink.JobsImported);
        Assert.True(sink.EncodeConcurrency.Peak < 20, $"the pool was given {sink.EncodeConcurrency.Peak} encode calls at once");
        var indexed = 0L;
        for (var s = 0; s < 2; s++)
        {
            indexed += (await cluster.Client.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).GetStatusAsync()).Jobs;
        }

        Assert.Equal(Jobs, indexed);

        // Idempotent: the same import again creates nothing and leaves one entry per job.
        Assert.Equal(0, await new GrainIngestSink(cluster.Client, targetLatency: TimeSpan.FromMilliseconds(600)).UpsertJobsAsync(jobs.Take(128).ToList()));
        var again = 0L;
        for (var s = 0; s < 2; s++)
        {
            again += (await cluster.Client.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).GetStatusAsync()).Jobs;
        }

        Assert.Equal(Jobs, again);
        var embedding = await cluster.Client.GetGrain<IJobGrain>(jobs[5].Id).GetEmbeddingAsync();
        Assert.NotNull(embedding);
        Assert.Equal(64, embedding.Length);
    }

    private static async Task<InProcessTestCluster> StartAsync()
    {
        var options = new ServingOptions { ShardCount = 2 };
        var encoder = new SlowEncoder(new HashedTextEncoder(64), TimeSpan.FromMilliseconds(4));
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = CallTimeout)
            .AddJobRecMemoryGrainStorage("Default")
            .AddJobRecServing(options, encoder));
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = CallTimeout));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>An encoder that takes a fixed time per text (sleeping, so it is as slow on an idle machine as on a busy one).</summary>
    private sealed class SlowEncoder(ITextEncoder inner, TimeSpan perText) : ITextEncoder
    {
        public int Dimension => inner.Dimension;

        public float[] Encode(IReadOnlyList<string> texts)
        {
            Thread.Sleep(perText * texts.Count);
            return inner.Encode(texts);
        }
    }
}
