using System.Text.Json;

namespace JobRec.Actors.Invocation;

/// <summary>The System.Text.Json options (with their cached type metadata) for grain arguments, results and state.</summary>
public static class GrainJson
{
    /// <summary>Shared options: fields included, numbers and enums as written; one instance so metadata is built once per type.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        MaxDepth = 64,
    };
}
