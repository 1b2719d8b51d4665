using JobRec.Evaluation.Corpus;

namespace JobRec.Evaluation.Splits;

/// <summary>
/// Carves a validation split out of a split's training interactions only, with the same kind of split: for
/// leave-last-out (and given-test, temporal-less corpora) each user's last training job (their second-last overall) is
/// held out; for cold another seeded share of the training users with a profile is hidden; for temporal the last
/// share of the training period. The test users' held-out jobs are never seen, so tuning on it cannot fit the test.
/// </summary>
public static class ValidationSplitter
{
    /// <summary>The validation split of <paramref name="split"/>: catalog = the whole corpus, interactions = its training ones.</summary>
    /// <exception cref="InvalidOperationException">The training data is too small for the split kind.</exception>
    public static EvaluationSplit Carve(EvaluationSplit split, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(split);
        var corpus = new InteractionCorpus(split.Corpus.Jobs.Values, split.Corpus.Users.Values, split.Train)
        {
            Description = $"{split.Corpus.Description} (training part)",
        };
        var validation = split.Name switch
        {
            "cold" => new ColdStartSplitter(seed: seed + 1).Split(corpus),
            "temporal" => new TemporalSplitter().Split(corpus),
            _ => new LeaveLastOutSplitter().Split(corpus),
        };
        return validation with { Name = $"{validation.Name} validation" };
    }
}
