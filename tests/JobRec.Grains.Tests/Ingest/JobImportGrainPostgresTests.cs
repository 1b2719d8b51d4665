using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;
using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.Grains.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using JobRec.ML.Text;
using JobRec.OrleansExtensions.Clustering;
using JobRec.OrleansExtensions.Storage;
using Npgsql;
using Orleans.TestingHost;

namespace JobRec.Grains.Tests.Ingest;

/// <summary>The bulk import's insert-only writes (<see cref="IJobImportGrain"/>) on the cluster's grain storage, PostgreSQL (JOBREC_PG, in a
/// throwaway schema): new jobs are inserted once at version 1, and a batch written again after it was half stored (a silo died with the
/// batch in flight, the client retried it) inserts the missing jobs and replaces the stored ones through their grains, never twice; with
/// one insert per job and with one statement per chunk (<see cref="IGrainStateBulkInsert"/>, as a cluster silo does).</summary>
public sealed class JobImportGrainPostgresTests : IAsyncLifetime
{
    private const int Jobs = 200;
    private PostgresTestSchema? _schema;
    private NpgsqlDataSource? _dataSource;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync("s_", "PostgreSQL import tests");
        _connectionString = _schema.ConnectionString;
        await PostgresClusterSchema.EnsureAsync(_connectionString);
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bulk_import_inserts_new_jobs_once_and_a_retried_half_stored_batch_replaces_rather_than_duplicates(bool oneStatementPerChunk)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddJobRecPostgresGrainStorage("Default", _connectionString)
                .AddJobRecServing(new ServingOptions { ShardCount = 2 }, new HashedTextEncoder(64));
            if (oneStatementPerChunk)
            {
                // As a cluster silo registers it (JobRec.Silo's PostgresGrainStateBulkInsert).
                silo.Services.AddSingleton<IGrainStateBulkInsert>(sp => new BulkInsert((PostgresGrainStorage)sp.GetRequiredKeyedService<IGrainStorage>("Default")));
            }
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var jobs = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = Jobs, Users = 10, Seed = 11 }).Jobs().ToList();

        // An activation made while the job is missing must serve it once the importer has inserted its state.
        Assert.Null(await cluster.Client.GetGrain<IJobGrain>(jobs[0].Id).GetAsync());

        // The first half is stored, as when a silo died with the batch in flight after some of its chunks were written.
        Assert.Equal(Jobs / 2, await new GrainIngestSink(cluster.Client).UpsertJobsAsync(jobs.Take(Jobs / 2).ToList()));
        Assert.All(await VersionsAsync(jobs.Take(Jobs / 2)), v => Assert.Equal(1, v)); // inserted, not written through a grain
        Assert.Equal(jobs[0].Title, (await cluster.Client.GetGrain<IJobGrain>(jobs[0].Id).GetAsync())?.Posting.Title);

        // The client writes the whole batch again, one title changed meanwhile: the missing half is inserted, the stored half replaced.
        var retried = jobs.Select((j, i) => i == 3 ? j with { Title = "Changed " + j.Title } : j).ToList();
        Assert.Equal(Jobs / 2, await new GrainIngestSink(cluster.Client).UpsertJobsAsync(retried));
        Assert.All(await VersionsAsync(jobs.Skip(Jobs / 2)), v => Assert.Equal(1, v));
        Assert.All(await VersionsAsync(jobs.Take(Jobs / 2)), v => Assert.Equal(2, v));
        Assert.Equal(retried[3].Title, (await cluster.Client.GetGrain<IJobGrain>(jobs[3].Id).GetAsync())?.Posting.Title);
        Assert.Equal(jobs[^1].Title, (await cluster.Client.GetGrain<IJobGrain>(jobs[^1].Id).GetAsync())?.Posting.Title);

        await using (var count = _dataSource!.CreateCommand("SELECT count(*) FROM jobrec_grain_state WHERE state_name = 'state' AND grain_id LIKE 'JobRec.Grains.Jobs.JobGrain/%';"))
        {
            Assert.Equal((long)Jobs, await count.ExecuteScalarAsync());
        }

        var indexed = 0;
        for (var s = 0; s < 2; s++)
        {
            indexed += (await cluster.Client.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).GetStatusAsync()).Jobs;
        }

        Assert.Equal(Jobs, indexed);
    }

    private sealed class BulkInsert(PostgresGrainStorage storage) : IGrainStateBulkInsert
    {
        public Task<IReadOnlySet<Orleans.Runtime.GrainId>> InsertNewAsync<T>(string stateName, IReadOnlyList<KeyValuePair<Orleans.Runtime.GrainId, T>> states) =>
            storage.InsertNewAsync(stateName, states);
    }

    /// <summary>The stored version (etag) of each job's state row, in order; throws when a row is missing.</summary>
    private async Task<long[]> VersionsAsync(IEnumerable<Data.Model.JobPosting> jobs)
    {
        var result = new List<long>();
        foreach (var job in jobs)
        {
            await using var cmd = _dataSource!.CreateCommand("SELECT etag FROM jobrec_grain_state WHERE grain_id = @g AND state_name = 'state';");
            cmd.Parameters.AddWithValue("g", GrainStateJson.KeyOf(Orleans.Runtime.GrainId.Create("JobRec.Grains.Jobs.JobGrain", job.Id)));
            result.Add(await cmd.ExecuteScalarAsync() as long? ?? throw new InvalidOperationException($"no stored state for job {job.Id}"));
        }

        return [.. result];
    }
}
