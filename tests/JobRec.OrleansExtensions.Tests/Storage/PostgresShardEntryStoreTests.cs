using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;
using JobRec.OrleansExtensions.Clustering;
using JobRec.Silo.Indexing;
using Npgsql;

namespace JobRec.OrleansExtensions.Tests.Storage;

/// <summary>Index shard entries in PostgreSQL (what a shard rebuilds from on any silo), on JOBREC_PG in a throwaway schema; fails loudly when unset.</summary>
public sealed class PostgresShardEntryStoreTests : IAsyncLifetime
{
    private PostgresTestSchema? _schema;
    private NpgsqlDataSource? _dataSource;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync("e_", "PostgreSQL shard store tests");
        await PostgresClusterSchema.EnsureAsync(_schema.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(_schema.ConnectionString);
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

    private static ShardEntry Entry(string id, float x) =>
        new(new JobSummary(id, "Title " + id, "Acme", "Austin", "TX", false, "15-2051.00"), [x, 1 - x], ["SQL"], new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), null);

    [Fact]
    public async Task Awaited_appends_and_removes_are_durable_like_the_synchronous_ones()
    {
        // The shard grain awaits these (no thread held during the round trip); what they store is what Load reads back.
        JobRec.Grains.Indexing.IShardEntryStore store = new PostgresShardEntryStore(_dataSource!, 4);
        var shard = ShardRouting.ShardOf("async-1", 4);
        await store.AppendAsync(shard, [Entry("async-1", 0.25f)]);
        await store.AppendAsync(shard, [Entry("async-1", 0.75f)]);
        await store.AppendAsync(shard, []);
        Assert.Equal([0.75f, 0.25f], store.Load(shard).Single(e => e.Job.Id == "async-1").Embedding);
        await store.RemoveAsync(shard, "async-1");
        Assert.DoesNotContain(store.Load(shard), e => e.Job.Id == "async-1");
    }

    [Fact]
    public void Entries_round_trip_last_write_wins_and_removes_and_compactions_hold()
    {
        var store = new PostgresShardEntryStore(_dataSource!, 4);
        var ids = Enumerable.Range(0, 40).Select(i => $"job-{i}").ToArray();
        foreach (var group in ids.GroupBy(id => ShardRouting.ShardOf(id, 4)))
        {
            store.Append(group.Key, group.Select(id => Entry(id, 0.25f)).ToList());
        }

        var shard = ShardRouting.ShardOf("job-7", 4);
        store.Append(shard, [Entry("job-7", 0.75f)]);
        var loaded = store.Load(shard);
        Assert.Equal(ids.Count(id => ShardRouting.ShardOf(id, 4) == shard), loaded.Count);
        var seven = loaded.Single(e => e.Job.Id == "job-7");
        Assert.Equal([0.75f, 0.25f], seven.Embedding);
        Assert.Equal(["SQL"], seven.Skills);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), seven.PostedAt);

        store.Remove(shard, "job-7");
        Assert.DoesNotContain(store.Load(shard), e => e.Job.Id == "job-7");
        var kept = store.Load(shard).Take(1).ToList();
        store.Compact(shard, kept);
        Assert.Equal(kept.Select(e => e.Job.Id), store.Load(shard).Select(e => e.Job.Id));
        Assert.Equal(40 - 1 - (loaded.Count - 1 - kept.Count), Enumerable.Range(0, 4).Sum(s => store.Load(s).Count));
    }

    [Fact]
    public void Entries_written_under_another_shard_count_are_found_by_their_new_shard()
    {
        var ids = Enumerable.Range(0, 30).Select(i => $"move-{i}").ToArray();
        var old = new PostgresShardEntryStore(_dataSource!, 2);
        foreach (var group in ids.GroupBy(id => ShardRouting.ShardOf(id, 2)))
        {
            old.Append(group.Key, group.Select(id => Entry(id, 0.5f)).ToList());
        }

        var now = new PostgresShardEntryStore(_dataSource!, 8);
        for (var s = 0; s < 8; s++)
        {
            Assert.Equal(ids.Where(id => ShardRouting.ShardOf(id, 8) == s).Order(), now.Load(s).Select(e => e.Job.Id).Order());
        }
    }
    [Fact]
    public void An_append_is_one_transaction_a_failing_entry_stores_none_of_its_batch()
    {
        var store = new PostgresShardEntryStore(_dataSource!, 4);
        store.Append(1, [Entry("kept", 0.5f)]);
        // PostgreSQL refuses a NUL character in text: the third entry fails, and the two before it must not be stored either.
        Assert.ThrowsAny<NpgsqlException>(() => store.Append(1, [Entry("a", 0.1f), Entry("b", 0.2f), Entry("bad\0id", 0.3f)]));
        Assert.Equal(["kept"], store.Load(1).Select(e => e.Job.Id));

        store.Append(1, Enumerable.Range(0, 64).Select(i => Entry($"chunk-{i}", i / 64f)).ToList());
        Assert.Equal(65, store.Load(1).Count);
    }
}
