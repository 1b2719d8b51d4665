using JobRec.OrleansExtensions.Storage;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jobrec-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteGrainStorage _storage;

    public SqliteGrainStorageTests() => _storage = new SqliteGrainStorage(Path.Combine(_dir, "state.db"));

    protected override IGrainStorage Storage => _storage;

    public void Dispose()
    {
        _storage.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_state_file_is_created_readable_by_its_owner_only()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "state.db")));
    }

    [Fact]
    public async Task A_file_written_by_the_runtime_before_Orleans_is_read()
    {
        var path = Path.Combine(_dir, "old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var cmd = old.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE grain_state (grain_id TEXT NOT NULL, state_name TEXT NOT NULL, etag INTEGER NOT NULL, epoch INTEGER NOT NULL,
                  data BLOB NOT NULL, PRIMARY KEY (grain_id, state_name));
                INSERT INTO grain_state VALUES ('JobRec.Grains.Jobs.JobGrain/42', 'state', 7, 0, CAST('{"Value":5}' AS BLOB));
                """;
            cmd.ExecuteNonQuery();
        }

        using var storage = new SqliteGrainStorage(path);
        var state = new GrainState<Counter>(new Counter());
        var id = GrainId.Create("JobRec.Grains.Jobs.JobGrain", "42");
        await storage.ReadStateAsync("state", id, state);

        Assert.Equal(5, state.State!.Value);
        Assert.Equal("7", state.ETag);
        state.State!.Value = 6;
        await storage.WriteStateAsync("state", id, state);
        Assert.Equal("8", state.ETag);
    }
}
