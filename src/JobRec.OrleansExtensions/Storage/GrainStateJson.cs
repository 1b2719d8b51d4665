using System.Text.Json;
using Orleans.Runtime;

namespace JobRec.OrleansExtensions.Storage;

/// <summary>How JobRec's grain storage providers name and encode a state: row key = grain id ("type/key") + state name, payload = System.Text.Json.</summary>
public static class GrainStateJson
{
    /// <summary>The payload options (fields included, depth 64): the same as the runtime before Orleans wrote, so its stored state reads back.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        MaxDepth = 64,
    };

    /// <summary>The row key of a grain: its full id "type/key" (the grain type is part of the key, so two grain types with one key never share a row;
    /// keys are kept as text, so "020235" and "20235" stay apart).</summary>
    public static string KeyOf(GrainId grainId) => grainId.ToString();

    /// <summary>The state's JSON bytes.</summary>
    public static byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>The state read back; throws <see cref="InvalidDataException"/> naming the row when the bytes are not JSON of <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(byte[] data, string grainKey, string stateName, long version)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(data, Options) ?? Activator.CreateInstance<T>();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"stored state '{stateName}' of grain '{grainKey}' (version {version}) is not valid JSON for {typeof(T).FullName}: {e.Message}", e);
        }
    }

    /// <summary>A fresh state for a cleared or missing record.</summary>
    public static T Empty<T>() => Activator.CreateInstance<T>();
}
