using JobRec.Data.Model;
using JobRec.Evaluation.Corpus;

namespace JobRec.Evaluation.Splits;

/// <summary>
/// Leave-last-out: for every user with at least <see cref="MinDistinctJobs"/> distinct jobs, the job of their latest interaction
/// is held out (with all of that user's interactions on it); everything else trains.
/// </summary>
public sealed class LeaveLastOutSplitter(int minDistinctJobs = 3)
{
    /// <summary>Fewest distinct jobs a user needs to be evaluated.</summary>
    public int MinDistinctJobs { get; } = minDistinctJobs >= 2 ? minDistinctJobs : throw new ArgumentOutOfRangeException(nameof(minDistinctJobs), minDistinctJobs, "needs at least 2");

    /// <summary>Splits the corpus deterministically.</summary>
    public EvaluationSplit Split(InteractionCorpus corpus)
    {
        var byUser = corpus.Interactions.GroupBy(i => i.UserId, StringComparer.Ordinal);
        var heldOut = new Dictionary<string, string>(StringComparer.Ordinal);
        var tests = new List<TestCase>();
        foreach (var group in byUser.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var distinct = group.Select(i => i.JobId).Distinct(StringComparer.Ordinal).Count();
            if (distinct < MinDistinctJobs) continue;
            var last = group.Last(); // corpus interactions are in time order
            heldOut[group.Key] = last.JobId;
            var history = group.Where(i => i.JobId != last.JobId).Select(i => i.JobId).ToHashSet(StringComparer.Ordinal);
            tests.Add(new TestCase(group.Key, new HashSet<string>([last.JobId], StringComparer.Ordinal), history));
        }
        var train = corpus.Interactions.Where(i => !(heldOut.TryGetValue(i.UserId, out var job) && job == i.JobId)).ToList();
        return new EvaluationSplit("leave-last-out", corpus, train, tests);
    }
}
