using System.Collections;

namespace JobRec.Contracts.Indexing;

/// <summary>
/// Distinct job ids to leave out of a shard query that also answer membership in constant time. A shard in the same silo
/// receives the object itself and checks its hits against it; a shard on another silo receives a plain list.
/// </summary>
public sealed class ExclusionSet : IReadOnlyList<string>
{
    private readonly List<string> _ids = [];
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);

    /// <summary>The distinct non-empty ids of <paramref name="ids"/>, in first-seen order.</summary>
    public ExclusionSet(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
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
    public bool Contains(string jobId) => _set.Contains(jobId);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => _ids.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
