using System.Globalization;
using Microsoft.Data.Sqlite;

namespace JobRec.Actors.Storage;

/// <summary>Grain storage in one SQLite file (the embedded default), with ETag and epoch checks done by conditional SQL statements.</summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Opens (creating when missing) the database file at <paramref name="path"/> and its table.</summary>
    public SqliteGrainStorage(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
              grain_id   TEXT    NOT NULL,
              state_name TEXT    NOT NULL,
              etag       INTEGER NOT NULL,
              epoch      INTEGER NOT NULL,
              data       BLOB    NOT NULL,
              PRIMARY KEY (grain_id, state_name));
            """);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = Command("SELECT data, etag, epoch FROM grain_state WHERE grain_id = $g AND state_name = $s;", key);
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new GrainStateRecord((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture), reader.GetInt64(2));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? expectedETag, long epoch, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SqliteCommand cmd;
            long newETag;
            if (expectedETag is null)
            {
                newETag = 1;
                cmd = Command("INSERT INTO grain_state (grain_id, state_name, etag, epoch, data) VALUES ($g, $s, 1, $epoch, $data) ON CONFLICT DO NOTHING;", key);
            }
            else
            {
                var expected = ParseETag(key, expectedETag);
                newETag = expected + 1;
                cmd = Command("UPDATE grain_state SET etag = etag + 1, epoch = $epoch, data = $data WHERE grain_id = $g AND state_name = $s AND etag = $etag AND epoch <= $epoch;", key);
                cmd.Parameters.AddWithValue("$etag", expected);
            }

            using (cmd)
            {
                cmd.Parameters.AddWithValue("$epoch", epoch);
                cmd.Parameters.Add("$data", SqliteType.Blob).Value = data.ToArray();
                if (cmd.ExecuteNonQuery() == 1)
                {
                    return newETag.ToString(CultureInfo.InvariantCulture);
                }
            }

            throw Conflict(key, expectedETag, epoch);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task ClearAsync(GrainStateKey key, string? expectedETag, long epoch, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (expectedETag is null)
            {
                if (ReadETag(key) is { } stored)
                {
                    throw new InconsistentStateException(key, null, stored.ETag, "a record exists that this state never read");
                }

                return;
            }

            using var cmd = Command("DELETE FROM grain_state WHERE grain_id = $g AND state_name = $s AND etag = $etag AND epoch <= $epoch;", key);
            cmd.Parameters.AddWithValue("$etag", ParseETag(key, expectedETag));
            cmd.Parameters.AddWithValue("$epoch", epoch);
            if (cmd.ExecuteNonQuery() != 1)
            {
                throw Conflict(key, expectedETag, epoch);
            }
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

    private InconsistentStateException Conflict(GrainStateKey key, string? expectedETag, long epoch)
    {
        var stored = ReadETag(key);
        return stored is { } s && s.Epoch > epoch && s.ETag == expectedETag
            ? new InconsistentStateException(key, expectedETag, s.ETag, $"the write carries epoch {epoch} but epoch {s.Epoch} already wrote it")
            : new InconsistentStateException(key, expectedETag, stored?.ETag, "the stored version changed since it was read");
    }

    private (string ETag, long Epoch)? ReadETag(GrainStateKey key)
    {
        using var cmd = Command("SELECT etag, epoch FROM grain_state WHERE grain_id = $g AND state_name = $s;", key);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetInt64(1)) : null;
    }

    private static long ParseETag(GrainStateKey key, string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InconsistentStateException(key, etag, null, "the expected ETag is not one this SQLite store issued");

    private SqliteCommand Command(string sql, GrainStateKey key)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$g", key.GrainId.ToString());
        cmd.Parameters.AddWithValue("$s", key.StateName);
        return cmd;
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
