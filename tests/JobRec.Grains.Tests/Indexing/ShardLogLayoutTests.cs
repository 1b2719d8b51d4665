using JobRec.Contracts.Indexing;
using JobRec.Grains.Indexing;
using static JobRec.Grains.Tests.Indexing.ShardFixtures;

namespace JobRec.Grains.Tests.Indexing;

public sealed class ShardLogLayoutTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jobrec-layout-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<string> Ids => Enumerable.Range(0, 60).Select(i => "job-" + i);

    private void WriteRouted(FileShardEntryStore store, int shardCount)
    {
        foreach (var id in Ids)
        {
            store.Append(ShardRouting.ShardOf(id, shardCount), [Entry(id, [1, 0])]);
        }

        store.Remove(ShardRouting.ShardOf("job-7", shardCount), "job-7");
    }

    private static Dictionary<string, int> Where(FileShardEntryStore store, int shardCount) =>
        Enumerable.Range(0, shardCount).SelectMany(s => store.Load(s).Select(e => (e.Job.Id, s))).ToDictionary(p => p.Id, p => p.s);

    [Theory]
    [InlineData(8, 1)]
    [InlineData(8, 3)]
    [InlineData(1, 8)]
    public void Reopening_with_another_shard_count_moves_every_entry_to_its_new_shard(int before, int after)
    {
        WriteRouted(new FileShardEntryStore(_dir, before), before);

        var store = new FileShardEntryStore(_dir, after);

        Assert.Equal(59, store.Resharded);
        var where = Where(store, after);
        Assert.Equal(Ids.Where(id => id != "job-7").Order(), where.Keys.Order());
        Assert.All(where, p => Assert.Equal(ShardRouting.ShardOf(p.Key, after), p.Value));
        Assert.Equal($"shards={after}", File.ReadAllText(Path.Combine(_dir, ShardLogLayout.LayoutFile)).Trim());
        Assert.DoesNotContain(Directory.GetFiles(_dir, "shard-*.log"), f => int.Parse(Path.GetFileNameWithoutExtension(f)[6..]) >= after);
        Assert.Equal(0, new FileShardEntryStore(_dir, after).Resharded); // and it stays put
    }

    [Fact]
    public void A_folder_from_before_the_layout_file_with_the_same_count_is_left_as_it_is()
    {
        var store = new FileShardEntryStore(_dir, 8);
        WriteRouted(store, 8);
        File.Delete(Path.Combine(_dir, ShardLogLayout.LayoutFile));
        var before = Directory.GetFiles(_dir, "shard-*.log").ToDictionary(f => f, File.ReadAllBytes);

        Assert.Equal(0, new FileShardEntryStore(_dir, 8).Resharded);
        Assert.All(before, p => Assert.Equal(p.Value, File.ReadAllBytes(p.Key)));
        Assert.True(File.Exists(Path.Combine(_dir, ShardLogLayout.LayoutFile)));
    }

    [Fact]
    public void A_complete_staged_layout_left_by_a_crash_is_installed_and_an_incomplete_one_dropped()
    {
        WriteRouted(new FileShardEntryStore(_dir, 4), 4);
        var staging = Path.Combine(_dir, ".reshard");

        // Incomplete staging (no layout file yet): the old logs are what counts.
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "shard-0.log"), "partial");
        var reopened = new FileShardEntryStore(_dir, 4);
        Assert.False(Directory.Exists(staging));
        Assert.Equal(59, Where(reopened, 4).Count);

        // Complete staging for 2 shards, crash after deleting one old log: opening finishes the install.
        Directory.CreateDirectory(staging);
        var all = Enumerable.Range(0, 4).SelectMany(reopened.Load).ToList();
        foreach (var g in all.GroupBy(e => ShardRouting.ShardOf(e.Job.Id, 2)))
        {
            FileShardEntryStore.WriteLog(Path.Combine(staging, $"shard-{g.Key}.log"), g.ToList());
        }

        File.WriteAllText(Path.Combine(staging, ShardLogLayout.LayoutFile), "shards=2\n");
        File.Delete(reopened.PathOf(0));

        var store = new FileShardEntryStore(_dir, 2);
        Assert.Equal(0, store.Resharded);
        Assert.False(Directory.Exists(staging));
        var where = Where(store, 2);
        Assert.Equal(59, where.Count);
        Assert.All(where, p => Assert.Equal(ShardRouting.ShardOf(p.Key, 2), p.Value));
        Assert.False(File.Exists(reopened.PathOf(3)));
    }
}
