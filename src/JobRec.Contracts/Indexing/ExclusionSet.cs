using Orleans;
using System.Collections;

namespace JobRec.Contracts.Indexing;

/// <summary>
/// Distinct job ids to leave out of a shard query that also answer membership in constant time. A shard in the same silo
/// receives the object itself and checks its hits against it; a shard on another silo receives a copy whose lookup set is rebuilt on first use.
/// </summary>
[GenerateSerializer, Immutable, Alias("jobrec.ExclusionSet")]
public sealed class ExclusionSet : IReadOnlyList<string>
{
    [Id(0)]
    private readonly List<string> _ids = [];
    // Not serialized: rebuilt from _ids after the set crossed the wire (the deserializer runs no constructor).
    [NonSerialized]
    private HashSet<string>? _set;

    /// <summary>The distinct non-empty ids of <paramref name="ids"/>, in first-seen order.</summary>
    public ExclusionSet(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!string.IsNullOrEmpty(id) && _set.Add(id))
            {
                _ids.Add(id);
            }
        }
    }

    /// <inheritdoc />
    public int Count => _ids.Count;

    /// <inheritdoc />
    public string this[int index] => _ids[index];

    /// <summary>Whether the job is excluded.</summary>
    public bool Contains(string jobId)
    {
        var set = Volatile.Read(ref _set);
        if (set is null)
        {
            // Two readers may both build it (same content); it is published whole.
            set = new HashSet<string>(_ids, StringComparer.Ordinal);
            Volatile.Write(ref _set, set);
        }

        return set.Contains(jobId);
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => _ids.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
