using JobRec.Actors.Storage;
using JobRec.Actors.Tests.TestGrains;

namespace JobRec.Actors.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jobrec-actors-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task State_survives_deactivation_and_silo_restart_on_the_same_sqlite_file()
    {
        var db = Path.Combine(_dir, "state.db");
        await using var cluster = await ClusterFixture.StartAsync(new ActivationLog(), o => o.SqliteStoragePath = db);
        var profile = cluster.GrainFactory.GetGrain<IProfileGrain>("ada");
        await profile.Visit("a");
        await profile.Visit("b");
        await profile.Deactivate();
        await ActivationTests.WaitUntil(() => cluster.Runtime.GetStatistics().GrainTypes.All(s => s.GrainType != typeof(ProfileGrain).FullName || s.Activations == 0));
        Assert.Equal(3, await profile.Visit("c"));

        var notes = cluster.GrainFactory.GetGrain<INotesGrain>("ada");
        await notes.Add("first");

        await cluster.RestartSiloAsync();

        var after = await cluster.GrainFactory.GetGrain<IProfileGrain>("ada").Read();
        Assert.Equal(3, after.Visits);
        Assert.Equal(["a", "b", "c"], after.Tags);
        Assert.Equal(["first"], await cluster.GrainFactory.GetGrain<INotesGrain>("ada").All());
        Assert.True(File.Exists(db));
    }

    public static TheoryData<string> Stores => new() { "sqlite", "memory" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ETag_conflict_raises_clear_exception_and_keeps_stored_state(string store)
    {
        using var sqlite = store == "sqlite" ? new SqliteGrainStorage(Path.Combine(_dir, "etag.db")) : null;
        IGrainStorage storage = sqlite ?? (IGrainStorage)new InMemoryGrainStorage();
        var key = new GrainStateKey(new GrainId("t.Profile", "k"), "state");

        var etag1 = await storage.WriteAsync(key, "\"v1\""u8.ToArray(), null, 0);
        var etag2 = await storage.WriteAsync(key, "\"v2\""u8.ToArray(), etag1, 0);
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(key, "\"lost\""u8.ToArray(), etag1, 0));
        var duplicate = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(key, "\"dup\""u8.ToArray(), null, 0));

        Assert.Contains(key.ToString(), stale.Message);
        Assert.Equal(etag1, stale.ExpectedETag);
        Assert.Equal(etag2, stale.StoredETag);
        Assert.Equal(etag2, duplicate.StoredETag);
        var stored = await storage.ReadAsync(key);
        Assert.Equal("\"v2\"", System.Text.Encoding.UTF8.GetString(stored!.Data));
        Assert.Equal(etag2, stored.ETag);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Write_from_an_older_epoch_is_fenced_off(string store)
    {
        using var sqlite = store == "sqlite" ? new SqliteGrainStorage(Path.Combine(_dir, "epoch.db")) : null;
        IGrainStorage storage = sqlite ?? (IGrainStorage)new InMemoryGrainStorage();
        var key = new GrainStateKey(new GrainId("t.Profile", "e"), "state");
        var etag = await storage.WriteAsync(key, "1"u8.ToArray(), null, 5);

        var e = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(key, "2"u8.ToArray(), etag, 4));

        Assert.Contains("epoch 4", e.Message);
        Assert.Equal("1", System.Text.Encoding.UTF8.GetString((await storage.ReadAsync(key))!.Data));
        await storage.ClearAsync(key, etag, 6);
        Assert.Null(await storage.ReadAsync(key));
    }

    [Fact]
    public async Task Grain_state_conflict_surfaces_to_the_caller()
    {
        await using var cluster = await ClusterFixture.StartAsync(new ActivationLog());
        var profile = cluster.GrainFactory.GetGrain<IProfileGrain>("race");
        await profile.Visit("mine");
        var key = new GrainStateKey(new GrainId(typeof(ProfileGrain).FullName!, "race"), "state");
        var current = await cluster.MemoryStorage.ReadAsync(key);
        await cluster.MemoryStorage.WriteAsync(key, "{\"Visits\":100,\"Tags\":[]}"u8.ToArray(), current!.ETag, 0); // another writer

        await Assert.ThrowsAsync<InconsistentStateException>(() => profile.Visit("stale"));

        Assert.Contains("100", System.Text.Encoding.UTF8.GetString((await cluster.MemoryStorage.ReadAsync(key))!.Data));
    }
}
