using System.Text.Json;

namespace JobRec.Actors.Storage;

/// <summary>IPersistentState{T} over an IGrainStorage, serializing the state as JSON.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateLoader
    where TState : new()
{
    private readonly GrainStateKey _key;
    private readonly IGrainStorage _storage;
    private readonly IFencingTokenSource _fencing;
    private readonly JsonSerializerOptions _json;

    public PersistentState(GrainStateKey key, IGrainStorage storage, IFencingTokenSource fencing, JsonSerializerOptions json)
    {
        _key = key;
        _storage = storage;
        _fencing = fencing;
        _json = json;
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync()
    {
        var record = await _storage.ReadAsync(_key).ConfigureAwait(false);
        if (record is null)
        {
            State = new TState();
            Etag = null;
            RecordExists = false;
            return;
        }

        try
        {
            State = JsonSerializer.Deserialize<TState>(record.Data, _json) ?? new TState();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Stored state '{_key}' (ETag {record.ETag}) is not valid JSON for {typeof(TState).FullName}: {e.Message}", e);
        }

        Etag = record.ETag;
        RecordExists = true;
    }

    public async Task WriteStateAsync()
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, _json);
        Etag = await _storage.WriteAsync(_key, data, Etag, _fencing.GetEpoch(_key.GrainId)).ConfigureAwait(false);
        RecordExists = true;
    }

    public async Task ClearStateAsync()
    {
        await _storage.ClearAsync(_key, Etag, _fencing.GetEpoch(_key.GrainId)).ConfigureAwait(false);
        State = new TState();
        Etag = null;
        RecordExists = false;
    }

    public Task LoadAsync() => ReadStateAsync();
}
