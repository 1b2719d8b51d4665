using JobRec.Evaluation.Corpus;

namespace JobRec.Evaluation.Splits;

/// <summary>Train on every interaction of one corpus and evaluate on another's: the catalog is every job and user of both.</summary>
public static class GivenTestSplitter
{
    /// <summary>Merges the two corpora; each test user is judged on the test jobs not already in their training history.</summary>
    public static EvaluationSplit Split(InteractionCorpus train, InteractionCorpus test)
    {
        var jobs = train.Jobs.Values.Concat(test.Jobs.Values.Where(j => !train.Jobs.ContainsKey(j.Id)));
        var users = train.Users.Values.Concat(test.Users.Values.Where(u => !train.Users.ContainsKey(u.Id)));
        var merged = new InteractionCorpus(jobs, users, train.Interactions.Concat(test.Interactions))
        {
            Description = $"{train.Description} + {test.Description}",
        };
        var history = train.Interactions.GroupBy(i => i.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(i => i.JobId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var none = new HashSet<string>(StringComparer.Ordinal);
        var tests = test.Interactions.GroupBy(i => i.UserId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var seen = history.GetValueOrDefault(g.Key) ?? none;
                return new TestCase(g.Key, g.Select(i => i.JobId).Where(j => !seen.Contains(j)).ToHashSet(StringComparer.Ordinal), seen);
            })
            .Where(t => t.Relevant.Count > 0)
            .ToList();
        return new EvaluationSplit("given-test", merged, [.. train.Interactions], tests);
    }
}
