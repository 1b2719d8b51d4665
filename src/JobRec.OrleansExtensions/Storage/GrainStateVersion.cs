using System.Globalization;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Storage;

/// <summary>The ETag of JobRec's grain storage providers: the row's integer version ("1" after the first write), and the error a write
/// or clear gets when the stored version is not the one it read.</summary>
internal static class GrainStateVersion
{
    /// <summary>The conflict error naming the grain, the state, the version the writer read and the one stored.</summary>
    public static InconsistentStateException Conflict(string key, string stateName, string? expected, string? stored) =>
        new($"state '{stateName}' of grain '{key}': expected version {expected ?? "<none>"} but the store holds {stored ?? "<none>"}; another activation wrote it since it was read",
            stored ?? "", expected ?? "");

    /// <summary>The version an ETag names; an ETag this store did not issue is a conflict.</summary>
    public static long Parse(string key, string stateName, string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Conflict(key, stateName, etag, null);
}
