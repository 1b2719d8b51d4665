using System.Globalization;
using System.Text.Json;
using JobRec.Data.Model;
using Microsoft.Data.Sqlite;

namespace JobRec.Data.Export;

/// <summary>
/// Reads jobs, users and interactions out of an embedded SQLite store without the runtime that wrote it: either the grain-state
/// database (<c>.jobrec/grain-state.db</c>, table <c>grain_state(grain_id, data)</c>, written by <c>jobrec silo/serve/demo</c>) or
/// the ingest store (<c>.jobrec/ingest.db</c>, tables <c>jobs</c>/<c>users</c>/<c>interactions</c>). Grain states are recognised by
/// the shape of their JSON payload (a <c>Posting</c> object: a job; a <c>Profile</c> object: a user, whose <c>Interactions</c> are
/// the interactions), the id is the grain key (the text after the first '/' of the grain id), so neither grain class names nor the
/// runtime's types are needed.
/// </summary>
public sealed class EmbeddedStore : IDisposable
{
    private static readonly JsonSerializerOptions IngestJson = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _connection;
    private readonly bool _grainState;

    private EmbeddedStore(string path, SqliteConnection connection, bool grainState)
    {
        Path = path;
        _connection = connection;
        _grainState = grainState;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>"grain-state" or "ingest".</summary>
    public string Kind => _grainState ? "grain-state" : "ingest";

    /// <summary>Opens <paramref name="path"/> read-only.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a SQLite database with either layout.</exception>
    public static EmbeddedStore Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no store {path}", path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
            var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            if (tables.Contains("grain_state"))
            {
                return new EmbeddedStore(path, connection, grainState: true);
            }

            if (tables.Contains("jobs") && tables.Contains("users") && tables.Contains("interactions"))
            {
                return new EmbeddedStore(path, connection, grainState: false);
            }

            throw new InvalidDataException($"{path} holds neither grain state (table grain_state) nor an ingest store (tables jobs, users, interactions); it has: {string.Join(", ", tables.Order())}");
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"{path} is not a readable SQLite database: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The stored jobs, in id order.</summary>
    public IEnumerable<JobPosting> Jobs() => _grainState
        ? GrainStates().Select(s => s.Root.TryGetProperty("Posting", out var p) && p.ValueKind == JsonValueKind.Object ? ToJob(s.Key, s.Root, p) : null).OfType<JobPosting>()
        : Documents<JobPosting>("jobs");

    /// <summary>The stored users, in id order.</summary>
    public IEnumerable<UserProfile> Users() => _grainState
        ? GrainStates().Select(s => s.Root.TryGetProperty("Profile", out var p) && p.ValueKind == JsonValueKind.Object ? ToUser(s.Key, p) : null).OfType<UserProfile>()
        : Documents<UserProfile>("users");

    /// <summary>The stored interactions, by user (in id order) then time.</summary>
    public IEnumerable<Interaction> Interactions() => _grainState ? GrainInteractions() : IngestInteractions();

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private IEnumerable<Interaction> GrainInteractions()
    {
        foreach (var (key, root) in GrainStates())
        {
            if (!root.TryGetProperty("Profile", out _) || !root.TryGetProperty("Interactions", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in list.EnumerateArray())
            {
                yield return new Interaction(key, Text(item, "JobId"), ParseKind(item, key), item.GetProperty("Time").GetDateTimeOffset().ToUniversalTime());
            }
        }
    }

    private IEnumerable<Interaction> IngestInteractions()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT user_id, job_id, kind, time_ms FROM interactions ORDER BY user_id, time_ms;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new Interaction(reader.GetString(0), reader.GetString(1), (InteractionKind)reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
        }
    }

    // Each grain state row as (grain key, JSON root); rows whose payload is not a JSON object are skipped (other grains' state).
    private IEnumerable<(string Key, JsonElement Root)> GrainStates()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT grain_id, data FROM grain_state ORDER BY grain_id;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string grainId = reader.GetString(0);
            byte[] data = reader.GetValue(1) switch { byte[] b => b, string s => System.Text.Encoding.UTF8.GetBytes(s), _ => [] };
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(data);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                int slash = grainId.IndexOf('/', StringComparison.Ordinal);
                yield return (slash >= 0 ? grainId[(slash + 1)..] : grainId, root);
            }
        }
    }

    private IEnumerable<T> Documents<T>(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT id, json FROM {table} ORDER BY id;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return JsonSerializer.Deserialize<T>(reader.GetString(1), IngestJson)
                ?? throw new InvalidDataException($"{Path}: {table} row '{reader.GetString(0)}' holds null");
        }
    }

    private static JobPosting ToJob(string id, JsonElement state, JsonElement p)
    {
        string onet = Text(state, "OnetCode");
        return new JobPosting(id, Text(p, "Title"), Text(p, "Company"), Text(p, "Location"), Text(p, "Description"))
        {
            Region = Text(p, "Region"),
            Skills = Strings(p, "Skills"),
            Remote = Bool(p, "Remote"),
            Level = Text(p, "Level"),
            EmploymentType = Text(p, "EmploymentType"),
            OnetCode = onet.Length > 0 ? onet : Text(p, "OnetCode"),
            PostedAt = Time(p, "PostedAt"),
            ClosesAt = Time(p, "ClosesAt"),
            Source = Text(p, "Source"),
        };
    }

    private static UserProfile ToUser(string id, JsonElement p) => new(id, Text(p, "ResumeText"), Text(p, "Location"))
    {
        Region = Text(p, "Region"),
        Skills = Strings(p, "Skills"),
        DesiredTitles = Strings(p, "DesiredTitles"),
        WantsRemote = Bool(p, "WantsRemote"),
        Source = Text(p, "Source"),
    };

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static List<string> Strings(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
        ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
        : [];

    private static DateTimeOffset? Time(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t) ? t.ToUniversalTime() : null;

    private static InteractionKind ParseKind(JsonElement item, string user)
    {
        var v = item.GetProperty("Kind");
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && Enum.IsDefined((InteractionKind)n))
        {
            return (InteractionKind)n;
        }

        if (v.ValueKind == JsonValueKind.String && Enum.TryParse<InteractionKind>(v.GetString(), ignoreCase: true, out var k))
        {
            return k;
        }

        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"user '{user}': interaction kind {v} is not view, save or apply"));
    }
}
