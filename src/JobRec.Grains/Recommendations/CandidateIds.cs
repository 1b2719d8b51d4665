using System.Collections;

namespace JobRec.Grains.Recommendations;

/// <summary>The job ids of a candidate list, read in place (a recommend asks the popularity of every candidate; no copy of the ids).</summary>
internal sealed class CandidateIds(List<Candidate> candidates) : IReadOnlyList<string>
{
    /// <inheritdoc />
    public int Count => candidates.Count;

    /// <inheritdoc />
    public string this[int index] => candidates[index].Hit.JobId;

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        foreach (var c in candidates)
        {
            yield return c.Hit.JobId;
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
