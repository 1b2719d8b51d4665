using System.Collections.Concurrent;
using System.Globalization;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Storage;

/// <summary>Grain storage in this process's memory with the same contract as the SQLite and PostgreSQL stores (JSON payload, integer
/// version as the ETag, one winner among concurrent first inserts); for tests and benchmarks: the state dies with the process.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string Key, string State), (long Version, byte[] Data)> _rows = new();

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        if (_rows.TryGetValue((key, stateName), out var row))
        {
            grainState.State = GrainStateJson.Deserialize<T>(row.Data, key, stateName, row.Version);
            grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = GrainStateJson.Empty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        var data = GrainStateJson.Serialize(grainState.State);
        long next;
        if (grainState.ETag is null)
        {
            next = 1;
            if (!_rows.TryAdd((key, stateName), (1, data)))
            {
                throw GrainStateVersion.Conflict(key, stateName, null, Stored(key, stateName));
            }
        }
        else
        {
            var expected = GrainStateVersion.Parse(key, stateName, grainState.ETag);
            next = expected + 1;
            if (!_rows.TryGetValue((key, stateName), out var row) || row.Version != expected
                || !_rows.TryUpdate((key, stateName), (next, data), row))
            {
                throw GrainStateVersion.Conflict(key, stateName, grainState.ETag, Stored(key, stateName));
            }
        }

        grainState.ETag = next.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateJson.KeyOf(grainId);
        if (grainState.ETag is null)
        {
            if (Stored(key, stateName) is { } stored)
            {
                throw GrainStateVersion.Conflict(key, stateName, null, stored);
            }
        }
        else
        {
            var expected = GrainStateVersion.Parse(key, stateName, grainState.ETag);
            if (!_rows.TryGetValue((key, stateName), out var row) || row.Version != expected
                || !_rows.TryRemove(new KeyValuePair<(string, string), (long, byte[])>((key, stateName), row)))
            {
                throw GrainStateVersion.Conflict(key, stateName, grainState.ETag, Stored(key, stateName));
            }
        }

        grainState.State = GrainStateJson.Empty<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string? Stored(string key, string stateName) =>
        _rows.TryGetValue((key, stateName), out var row) ? row.Version.ToString(CultureInfo.InvariantCulture) : null;
}
