using System.Text;
using JobRec.Actors;
using JobRec.Actors.Cluster;
using JobRec.Actors.Storage;

namespace JobRec.IntegrationTests.Cluster;

public sealed class PostgresGrainStorageTests
{
    private const int Partitions = 16;

    [Fact]
    public async Task Writes_check_the_etag_and_round_trip()
    {
        await using var db = await ClusterDatabase.CreateAsync(Partitions);
        var table = new PartitionLeaseTable(db.DataSource, "a", TimeSpan.FromSeconds(10));
        var ownership = new PartitionOwnership(new PartitionMap(Partitions));
        ownership.Apply(await table.ClaimAsync(Partitions));
        var store = new PostgresGrainStorage(db.DataSource, ownership.Map);
        var key = new GrainStateKey(new GrainId("counter", "x"), "state");
        var epoch = ownership.GetEpoch(key.GrainId);

        var e1 = await store.WriteAsync(key, Encoding.UTF8.GetBytes("1"), null, epoch);
        var e2 = await store.WriteAsync(key, Encoding.UTF8.GetBytes("2"), e1, epoch);
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(key, Encoding.UTF8.GetBytes("stale"), e1, epoch));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(key, Encoding.UTF8.GetBytes("dup"), null, epoch));

        var read = await store.ReadAsync(key);
        Assert.NotNull(read);
        Assert.Equal("2", Encoding.UTF8.GetString(read.Data));
        Assert.Equal(e2, read.ETag);
        Assert.Equal(epoch, read.Epoch);
        await store.ClearAsync(key, e2, epoch);
        Assert.Null(await store.ReadAsync(key));
    }

    [Fact]
    public async Task A_write_from_an_older_epoch_is_fenced_after_takeover_even_before_the_new_owner_wrote()
    {
        await using var db = await ClusterDatabase.CreateAsync(Partitions);
        var map = new PartitionMap(Partitions);
        var store = new PostgresGrainStorage(db.DataSource, map);
        var key = new GrainStateKey(new GrainId("counter", "fenced"), "state");

        var a = new PartitionLeaseTable(db.DataSource, "a", TimeSpan.FromSeconds(1));
        var aOwns = new PartitionOwnership(map);
        aOwns.Apply(await a.ClaimAsync(Partitions));
        var oldEpoch = aOwns.GetEpoch(key.GrainId);
        var etag = await store.WriteAsync(key, Encoding.UTF8.GetBytes("a1"), null, oldEpoch);

        await Task.Delay(TimeSpan.FromSeconds(1.3));
        var b = new PartitionLeaseTable(db.DataSource, "b", TimeSpan.FromSeconds(10));
        var bOwns = new PartitionOwnership(map);
        bOwns.Apply(await b.ClaimAsync(Partitions));
        var newEpoch = bOwns.GetEpoch(key.GrainId);
        Assert.True(newEpoch > oldEpoch);

        var fenced = await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(key, Encoding.UTF8.GetBytes("a2"), etag, oldEpoch));
        Assert.Contains("fenced", fenced.Message, StringComparison.Ordinal);
        Assert.Equal("a1", Encoding.UTF8.GetString((await store.ReadAsync(key))!.Data));

        var bETag = await store.WriteAsync(key, Encoding.UTF8.GetBytes("b1"), etag, newEpoch);
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(key, Encoding.UTF8.GetBytes("a3"), bETag, oldEpoch));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.ClearAsync(key, bETag, oldEpoch));
        var final = await store.ReadAsync(key);
        Assert.Equal("b1", Encoding.UTF8.GetString(final!.Data));
        Assert.Equal(newEpoch, final.Epoch);
    }

    [Fact]
    public async Task Acknowledged_increments_from_concurrent_writers_under_one_epoch_all_survive()
    {
        await using var db = await ClusterDatabase.CreateAsync(Partitions);
        var map = new PartitionMap(Partitions);
        var owns = new PartitionOwnership(map);
        owns.Apply(await new PartitionLeaseTable(db.DataSource, "a", TimeSpan.FromSeconds(10)).ClaimAsync(Partitions));
        var store = new PostgresGrainStorage(db.DataSource, map);
        var key = new GrainStateKey(new GrainId("counter", "race"), "state");
        var acknowledged = 0;

        async Task Writer()
        {
            for (var i = 0; i < 20; i++)
            {
                var current = await store.ReadAsync(key);
                var value = current is null ? 0 : int.Parse(Encoding.UTF8.GetString(current.Data), System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    await store.WriteAsync(key, Encoding.UTF8.GetBytes((value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), current?.ETag, owns.GetEpoch(key.GrainId));
                    Interlocked.Increment(ref acknowledged);
                }
                catch (InconsistentStateException)
                {
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Writer)));
        Assert.True(acknowledged > 0);
        Assert.Equal(acknowledged.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString((await store.ReadAsync(key))!.Data));
    }
}
