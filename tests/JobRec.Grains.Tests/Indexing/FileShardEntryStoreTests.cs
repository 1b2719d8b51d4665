using JobRec.Grains.Indexing;
using static JobRec.Grains.Tests.Indexing.ShardFixtures;

namespace JobRec.Grains.Tests.Indexing;

public sealed class FileShardEntryStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jobrec-shardlog-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Replays_upserts_and_removes_last_write_wins()
    {
        var store = new FileShardEntryStore(_dir, 8);
        store.Append(3, [Entry("a", [1, 0, 0], skills: ["sql"]), Entry("b", [0, 1, 0])]);
        store.Append(3, [Entry("a", [0, 0, 1], region: "CA", closes: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))]);
        store.Remove(3, "b");

        var loaded = new FileShardEntryStore(_dir, 8).Load(3);

        var a = Assert.Single(loaded);
        Assert.Equal("a", a.Job.Id);
        Assert.Equal("CA", a.Job.Region);
        Assert.Equal([0f, 0f, 1f], a.Embedding);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), a.ClosesAt);
        Assert.Empty(new FileShardEntryStore(_dir, 8).Load(4));
    }

    [Fact]
    public void A_torn_last_record_is_dropped_and_compaction_rewrites()
    {
        var store = new FileShardEntryStore(_dir, 8);
        store.Append(0, [Entry("a", [1, 0]), Entry("b", [0, 1])]);
        var path = store.PathOf(0);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]); // crash in the middle of the last record

        var loaded = store.Load(0);
        Assert.Equal(["a"], loaded.Select(e => e.Job.Id));

        store.Compact(0, loaded);
        Assert.Equal(["a"], store.Load(0).Select(e => e.Job.Id));
        Assert.True(new FileInfo(path).Length < bytes.Length);
    }

    [Fact]
    public void After_a_torn_tail_the_next_appends_and_restarts_keep_every_record()
    {
        var store = new FileShardEntryStore(_dir, 8);
        store.Append(0, [Entry("a", [1, 0]), Entry("b", [0, 1])]);
        var path = store.PathOf(0);
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..^3]); // a crash cut the last record short

        Assert.Equal(["a"], store.Load(0).Select(e => e.Job.Id)); // the restart drops the torn record and cuts its bytes off
        store.Append(0, [Entry("c", [1, 1])]);                     // the next write starts on a record boundary
        store.Remove(0, "a");

        var again = new FileShardEntryStore(_dir, 8).Load(0);      // and the restart after that reads everything
        Assert.Equal(["c"], again.Select(e => e.Job.Id));
    }

    [Fact]
    public void A_corrupt_record_in_the_middle_names_file_and_offset()
    {
        var store = new FileShardEntryStore(_dir, 8);
        store.Append(1, [Entry("a", [1, 0]), Entry("b", [0, 1])]);
        var path = store.PathOf(1);
        var bytes = File.ReadAllBytes(path);
        var second = bytes.Length / 2;
        bytes[second] ^= 0xFF;
        bytes[second + 1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var ex = Assert.ThrowsAny<Exception>(() => store.Load(1));
        Assert.Contains(path, ex.Message);
        Assert.Contains("offset", ex.Message);
    }
}
