using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Storage;

/// <summary>Orleans grain storage in one SQLite file (the embedded default). One row per grain id and state name; the ETag is the row's
/// integer version, checked by conditional SQL; the first insert of a row is unique by the primary key, so of two writers that both read
/// "no record" exactly one wins and the other gets <see cref="InconsistentStateException"/>.</summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Opens (creating when missing) the database file at <paramref name="path"/> and its table. A file written by the runtime
    /// before Orleans (same table, with an epoch column) is read as it is.</summary>
    public SqliteGrainStorage(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        if (!File.Exists(Path) && !OperatingSystem.IsWindows())
        {
            // Grain state holds resumes: readable by the silo's user only (SQLite gives its -wal and -shm files the same mode).
            using (new FileStream(Path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
            }
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        // The epoch column is what the runtime before Orleans fenced writes with; it is kept (always 0 now) so its files stay readable.
        Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
              grain_id   TEXT    NOT NULL,
              state_name TEXT    NOT NULL,
              etag       INTEGER NOT NULL,
              epoch      INTEGER NOT NULL DEFAULT 0,
              data       BLOB    NOT NULL,
              PRIMARY KEY (grain_id, state_name));
            """);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            using var cmd = Command("SELECT data, etag FROM grain_state WHERE grain_id = $g AND state_name = $s;", key, stateName);
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                grainState.State = GrainStateJson.Empty<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            var version = reader.GetInt64(1);
            grainState.State = GrainStateJson.Deserialize<T>((byte[])reader.GetValue(0), key, stateName, version);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        var data = GrainStateJson.Serialize(grainState.State);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            SqliteCommand cmd;
            long next;
            if (grainState.ETag is null)
            {
                next = 1;
                cmd = Command("INSERT INTO grain_state (grain_id, state_name, etag, epoch, data) VALUES ($g, $s, 1, 0, $data) ON CONFLICT DO NOTHING;", key, stateName);
            }
            else
            {
                var expected = GrainStateVersion.Parse(key, stateName, grainState.ETag);
                next = expected + 1;
                cmd = Command("UPDATE grain_state SET etag = etag + 1, data = $data WHERE grain_id = $g AND state_name = $s AND etag = $etag;", key, stateName);
                cmd.Parameters.AddWithValue("$etag", expected);
            }

            using (cmd)
            {
                cmd.Parameters.Add("$data", SqliteType.Blob).Value = data;
                if (cmd.ExecuteNonQuery() != 1)
                {
                    throw GrainStateVersion.Conflict(key, stateName, grainState.ETag, StoredETag(key, stateName));
                }
            }

            grainState.ETag = next.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (grainState.ETag is null)
            {
                if (StoredETag(key, stateName) is { } stored)
                {
                    throw GrainStateVersion.Conflict(key, stateName, null, stored);
                }
            }
            else
            {
                using var cmd = Command("DELETE FROM grain_state WHERE grain_id = $g AND state_name = $s AND etag = $etag;", key, stateName);
                cmd.Parameters.AddWithValue("$etag", GrainStateVersion.Parse(key, stateName, grainState.ETag));
                if (cmd.ExecuteNonQuery() != 1)
                {
                    throw GrainStateVersion.Conflict(key, stateName, grainState.ETag, StoredETag(key, stateName));
                }
            }

            grainState.State = GrainStateJson.Empty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the database connection.</summary>
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private string? StoredETag(string key, string stateName)
    {
        using var cmd = Command("SELECT etag FROM grain_state WHERE grain_id = $g AND state_name = $s;", key, stateName);
        var value = cmd.ExecuteScalar();
        return value is long v ? v.ToString(CultureInfo.InvariantCulture) : null;
    }

    private SqliteCommand Command(string sql, string key, string stateName)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$g", key);
        cmd.Parameters.AddWithValue("$s", stateName);
        return cmd;
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
