using System.Globalization;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Storage;

/// <summary>Orleans grain storage in PostgreSQL (table jobrec_grain_state, made by <see cref="Clustering.PostgresClusterSchema"/>): one row per
/// grain id and state name, the ETag is the row's integer version checked by one conditional statement per write, and the primary key keeps
/// the first insert unique, so of two activations of one grain (possible for a moment while membership changes) at most one write of each
/// version is acknowledged and the other fails with <see cref="InconsistentStateException"/>.</summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the store over <paramref name="dataSource"/> (the table must exist).</summary>
    public PostgresGrainStorage(NpgsqlDataSource dataSource) =>
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        await using var cmd = Command("SELECT data, etag FROM jobrec_grain_state WHERE grain_id = @g AND state_name = @s;", key, stateName);
        await using var reader = await cmd.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            grainState.State = GrainStateJson.Empty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(1);
        grainState.State = GrainStateJson.Deserialize<T>(reader.GetFieldValue<byte[]>(0), key, stateName, version);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        NpgsqlCommand cmd;
        long next;
        if (grainState.ETag is null)
        {
            next = 1;
            cmd = Command("INSERT INTO jobrec_grain_state (grain_id, state_name, etag, data) VALUES (@g, @s, 1, @data) ON CONFLICT DO NOTHING;", key, stateName);
        }
        else
        {
            var expected = GrainStateVersion.Parse(key, stateName, grainState.ETag);
            next = expected + 1;
            cmd = Command("UPDATE jobrec_grain_state SET etag = etag + 1, data = @data WHERE grain_id = @g AND state_name = @s AND etag = @etag;", key, stateName);
            cmd.Parameters.AddWithValue("etag", expected);
        }

        await using (cmd)
        {
            cmd.Parameters.AddWithValue("data", GrainStateJson.Serialize(grainState.State));
            if (await cmd.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                throw GrainStateVersion.Conflict(key, stateName, grainState.ETag, await StoredETagAsync(key, stateName).ConfigureAwait(false));
            }
        }

        grainState.ETag = next.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        if (grainState.ETag is null)
        {
            if (await StoredETagAsync(key, stateName).ConfigureAwait(false) is { } stored)
            {
                throw GrainStateVersion.Conflict(key, stateName, null, stored);
            }
        }
        else
        {
            await using var cmd = Command("DELETE FROM jobrec_grain_state WHERE grain_id = @g AND state_name = @s AND etag = @etag;", key, stateName);
            cmd.Parameters.AddWithValue("etag", GrainStateVersion.Parse(key, stateName, grainState.ETag));
            if (await cmd.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                throw GrainStateVersion.Conflict(key, stateName, grainState.ETag, await StoredETagAsync(key, stateName).ConfigureAwait(false));
            }
        }

        grainState.State = GrainStateJson.Empty<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Inserts, in one statement, each state whose grain has none stored under <paramref name="stateName"/> (version 1, as
    /// <see cref="WriteStateAsync{T}"/> with no ETag would) and leaves stored ones untouched; returns the ids inserted (a grain named twice
    /// is inserted at most once). One statement: on failure none of them is stored.</summary>
    public async Task<IReadOnlySet<GrainId>> InsertNewAsync<T>(string stateName, IReadOnlyList<KeyValuePair<GrainId, T>> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var inserted = new HashSet<GrainId>();
        if (states.Count == 0)
        {
            return inserted;
        }

        var ids = new Dictionary<string, GrainId>(StringComparer.Ordinal);
        var keys = new List<string>(states.Count);
        var data = new List<byte[]>(states.Count);
        foreach (var (grainId, state) in states)
        {
            var key = GrainStateJson.KeyOf(grainId);
            if (ids.TryAdd(key, grainId))
            {
                keys.Add(key);
                data.Add(GrainStateJson.Serialize(state));
            }
        }

        // One statement: the rows whose key is free are inserted at version 1, the others left as they are; RETURNING names the inserted.
        await using var cmd = _dataSource.CreateCommand("""
            INSERT INTO jobrec_grain_state (grain_id, state_name, etag, data)
            SELECT g, @s, 1, d FROM unnest(@g, @d) AS t(g, d)
            ON CONFLICT DO NOTHING RETURNING grain_id;
            """);
        cmd.Parameters.AddWithValue("s", stateName);
        cmd.Parameters.AddWithValue("g", keys.ToArray());
        cmd.Parameters.AddWithValue("d", data.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            inserted.Add(ids[reader.GetString(0)]);
        }

        return inserted;
    }

    private async Task<string?> StoredETagAsync(string key, string stateName)
    {
        await using var cmd = Command("SELECT etag FROM jobrec_grain_state WHERE grain_id = @g AND state_name = @s;", key, stateName);
        return await cmd.ExecuteScalarAsync().ConfigureAwait(false) is long v ? v.ToString(CultureInfo.InvariantCulture) : null;
    }

    private NpgsqlCommand Command(string sql, string key, string stateName)
    {
        var cmd = _dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("g", key);
        cmd.Parameters.AddWithValue("s", stateName);
        return cmd;
    }
}
