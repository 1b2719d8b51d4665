using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;
using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.OrleansExtensions.Storage;
using Orleans.TestingHost;

namespace JobRec.Grains.Tests.Ingest;

/// <summary>The bulk import path that stores new jobs without activating their grains (<see cref="IJobImportGrain"/>).</summary>
public sealed class JobImportGrainTests
{
    private const int Jobs = 300;

    [Fact]
    public async Task Bulk_import_stores_new_jobs_that_their_grains_then_serve_and_replaces_known_ones()
    {
        await using var cluster = await StartAsync();
        var jobs = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = Jobs, Users = 10, Seed = 5 }).Jobs().ToList();

        // An activation made while the job was missing (its state empty) must see the job once the importer has stored it.
        Assert.Null(await cluster.Client.GetGrain<IJobGrain>(jobs[0].Id).GetAsync());

        var sink = new GrainIngestSink(cluster.Client);
        Assert.Equal(Jobs, await sink.UpsertJobsAsync(jobs));
        var first = await cluster.Client.GetGrain<IJobGrain>(jobs[0].Id).GetAsync();
        Assert.NotNull(first);
        Assert.Equal(jobs[0].Title, first.Posting.Title);
        var other = await cluster.Client.GetGrain<IJobGrain>(jobs[7].Id).GetSummaryAsync();
        Assert.Equal(jobs[7].Title, other?.Title);
        Assert.Equal(64, (await cluster.Client.GetGrain<IJobGrain>(jobs[7].Id).GetEmbeddingAsync())?.Length);
        Assert.Equal(Jobs, await IndexedAsync(cluster));

        // Again, with one title changed: nothing is new, the changed job is replaced through its grain, the shards hold each job once.
        var changed = jobs.Select((j, i) => i == 1 ? j with { Title = "Changed title " + j.Title } : j).ToList();
        Assert.Equal(0, await new GrainIngestSink(cluster.Client).UpsertJobsAsync(changed));
        Assert.Equal(changed[1].Title, (await cluster.Client.GetGrain<IJobGrain>(jobs[1].Id).GetAsync())?.Posting.Title);
        Assert.Equal(Jobs, await IndexedAsync(cluster));
    }

    [Fact]
    public async Task Bulk_import_rejects_a_batch_with_a_bad_job_before_storing_any()
    {
        await using var cluster = await StartAsync();
        var posting = new JobInput { Title = "Nurse", Description = "Care for patients", OnetCode = "29-1141.00" };
        var import = cluster.Client.GetGrain<IJobImportGrain>(0);

        var ex = await Assert.ThrowsAsync<ContractValidationException>(() => import.ImportAsync([
            new JobImportItem("ok-1", posting, [1, 0, 0, 0], [], ""),
            new JobImportItem("", posting, [1, 0, 0, 0], [], ""),
        ]));
        Assert.Contains("jobs[1].id", ex.Message);
        Assert.Null(await cluster.Client.GetGrain<IJobGrain>("ok-1").GetAsync());
    }

    private static async Task<long> IndexedAsync(InProcessTestCluster cluster)
    {
        var indexed = 0L;
        for (var s = 0; s < 2; s++)
        {
            indexed += (await cluster.Client.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).GetStatusAsync()).Jobs;
        }

        return indexed;
    }

    private static async Task<InProcessTestCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddJobRecMemoryGrainStorage("Default")
            .AddJobRecServing(new ServingOptions { ShardCount = 2 }, new HashedTextEncoder(64)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
