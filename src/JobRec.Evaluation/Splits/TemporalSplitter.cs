using JobRec.Evaluation.Corpus;

namespace JobRec.Evaluation.Splits;

/// <summary>
/// Temporal split: interactions before the time quantile <see cref="TrainFraction"/> train; users with training history are
/// evaluated on the new jobs they touched afterwards.
/// </summary>
public sealed class TemporalSplitter(double trainFraction = 0.8)
{
    /// <summary>Share of interactions (by time) that train.</summary>
    public double TrainFraction { get; } = trainFraction is > 0 and < 1 ? trainFraction : throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "must be in (0, 1)");

    /// <summary>Splits the corpus at the time quantile.</summary>
    /// <exception cref="InvalidOperationException">The corpus has fewer than two interactions.</exception>
    public EvaluationSplit Split(InteractionCorpus corpus)
    {
        var all = corpus.Interactions;
        if (all.Count < 2) throw new InvalidOperationException($"temporal split needs at least 2 interactions, the corpus has {all.Count}");
        var cutoff = all[(int)Math.Clamp(Math.Round(all.Count * TrainFraction), 1, all.Count - 1)].Time;
        var train = all.Where(i => i.Time < cutoff).ToList();
        var history = train.GroupBy(i => i.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(i => i.JobId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var tests = all.Where(i => i.Time >= cutoff && history.ContainsKey(i.UserId))
            .GroupBy(i => i.UserId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TestCase(g.Key, g.Select(i => i.JobId).Where(j => !history[g.Key].Contains(j)).ToHashSet(StringComparer.Ordinal), history[g.Key]))
            .Where(t => t.Relevant.Count > 0)
            .ToList();
        return new EvaluationSplit("temporal", corpus, train, tests);
    }
}
