using System.Text.Json;
using JobRec.Data.Model;
using Microsoft.Data.Sqlite;

namespace JobRec.Data.Import;

/// <summary>
/// An <see cref="IIngestSink"/> storing items as JSON rows in a SQLite file (the embedded default of <c>jobrec ingest</c>):
/// tables jobs, users, occupations, skills keyed by id/code/name, interactions keyed by (user, job, kind, time).
/// </summary>
public sealed class SqliteIngestSink : IIngestSink, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _connection;

    /// <summary>Opens (creating when needed) the store at <paramref name="path"/>.</summary>
    public SqliteIngestSink(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        StorePath = path;
        if (!File.Exists(path) && !OperatingSystem.IsWindows())
        {
            // Imported profiles are personal data: the store is readable by its owner only (SQLite's -wal/-shm files follow its mode).
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
            }
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS occupations (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS skills (id TEXT PRIMARY KEY COLLATE NOCASE, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS interactions (user_id TEXT NOT NULL, job_id TEXT NOT NULL, kind INTEGER NOT NULL, time_ms INTEGER NOT NULL,
                PRIMARY KEY (user_id, job_id, kind, time_ms)) WITHOUT ROWID;
            """);
    }

    /// <summary>The store's file path.</summary>
    public string StorePath { get; }

    /// <summary>The default store of the embedded engine: ./.jobrec/ingest.db.</summary>
    public static string DefaultPath => System.IO.Path.Combine(".jobrec", "ingest.db");

    /// <summary>Number of rows in <paramref name="table"/> (jobs, users, occupations, skills or interactions).</summary>
    public long Count(string table)
    {
        if (table is not ("jobs" or "users" or "occupations" or "skills" or "interactions")) throw new ArgumentException($"unknown table '{table}'", nameof(table));
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The job stored under <paramref name="id"/>, or null.</summary>
    public JobPosting? FindJob(string id) => Find<JobPosting>("jobs", id);

    /// <summary>The user stored under <paramref name="id"/>, or null.</summary>
    public UserProfile? FindUser(string id) => Find<UserProfile>("users", id);

    /// <inheritdoc />
    public ValueTask<int> UpsertJobsAsync(IReadOnlyList<JobPosting> jobs, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert("jobs", jobs, j => j.Id));

    /// <inheritdoc />
    public ValueTask<int> UpsertUsersAsync(IReadOnlyList<UserProfile> users, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert("users", users, u => u.Id));

    /// <inheritdoc />
    public ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Occupation> occupations, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert("occupations", occupations, o => o.Code));

    /// <inheritdoc />
    public ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Skill> skills, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert("skills", skills, s => s.Name));

    /// <inheritdoc />
    public ValueTask<int> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO interactions (user_id, job_id, kind, time_ms) VALUES ($u, $j, $k, $t)";
        var u = command.Parameters.Add("$u", SqliteType.Text);
        var j = command.Parameters.Add("$j", SqliteType.Text);
        var k = command.Parameters.Add("$k", SqliteType.Integer);
        var t = command.Parameters.Add("$t", SqliteType.Integer);
        var created = 0;
        foreach (var i in interactions)
        {
            (u.Value, j.Value, k.Value, t.Value) = (i.UserId, i.JobId, (int)i.Kind, i.Time.ToUnixTimeMilliseconds());
            created += command.ExecuteNonQuery();
        }
        transaction.Commit();
        return ValueTask.FromResult(created);
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Execute("PRAGMA wal_checkpoint(PASSIVE);");
        return ValueTask.CompletedTask;
    }

    private int Upsert<T>(string table, IReadOnlyList<T> items, Func<T, string> key)
    {
        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT OR IGNORE INTO {table} (id, json) VALUES ($id, $json)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        using var update = _connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE {table} SET json = $json WHERE id = $id AND json <> $json";
        var uid = update.Parameters.Add("$id", SqliteType.Text);
        var ujson = update.Parameters.Add("$json", SqliteType.Text);
        var created = 0;
        foreach (var item in items)
        {
            var text = JsonSerializer.Serialize(item, Json);
            (id.Value, json.Value) = (key(item), text);
            if (insert.ExecuteNonQuery() == 1)
            {
                created++;
                continue;
            }
            (uid.Value, ujson.Value) = (key(item), text);
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return created;
    }

    private T? Find<T>(string table, string id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT json FROM {table} WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is string text ? JsonSerializer.Deserialize<T>(text, Json) : default;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
