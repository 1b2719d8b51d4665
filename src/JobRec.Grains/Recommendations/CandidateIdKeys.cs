using System.Collections;

namespace JobRec.Grains.Recommendations;

/// <summary>The id keys (<see cref="JobRec.Contracts.Indexing.JobKeys.IdKey"/>) of a candidate list, read in place.</summary>
internal sealed class CandidateIdKeys(List<Candidate> candidates) : IReadOnlyList<ulong>
{
    /// <inheritdoc />
    public int Count => candidates.Count;

    /// <inheritdoc />
    public ulong this[int index] => candidates[index].Hit.Keys.IdKey;

    /// <inheritdoc />
    public IEnumerator<ulong> GetEnumerator()
    {
        foreach (var c in candidates)
        {
            yield return c.Hit.Keys.IdKey;
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
