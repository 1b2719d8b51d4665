using JobRec.Evaluation.Corpus;

namespace JobRec.Evaluation.Splits;

/// <summary>
/// Cold-start split: a seeded share of the users who have profile text (work experience, positions of interest) and interactions
/// lose all their interactions from training; models recommend from the profile alone and are judged on every job they viewed.
/// </summary>
public sealed class ColdStartSplitter(double testFraction = 0.5, int seed = 1)
{
    /// <summary>Share of eligible users held out.</summary>
    public double TestFraction { get; } = testFraction is > 0 and <= 1 ? testFraction : throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must be in (0, 1]");

    /// <summary>Seed of the user draw.</summary>
    public int Seed { get; } = seed;

    /// <summary>Splits the corpus.</summary>
    /// <exception cref="InvalidOperationException">No user has both profile text and interactions (profiles missing?).</exception>
    public EvaluationSplit Split(InteractionCorpus corpus)
    {
        var eligible = corpus.Interactions.Select(i => i.UserId).Distinct(StringComparer.Ordinal)
            .Where(u => corpus.Users.TryGetValue(u, out var p) && p.ResumeText.Trim().Length > 0)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (eligible.Length == 0)
            throw new InvalidOperationException("cold-start split: no user has both profile text and interactions (give --profiles with Experience.csv / Positions_Of_Interest.csv)");
        new Random(Seed).Shuffle(eligible);
        var cold = eligible.Take(Math.Max(1, (int)Math.Round(eligible.Length * TestFraction))).ToHashSet(StringComparer.Ordinal);
        var train = corpus.Interactions.Where(i => !cold.Contains(i.UserId)).ToList();
        var empty = new HashSet<string>(StringComparer.Ordinal);
        var tests = corpus.Interactions.Where(i => cold.Contains(i.UserId))
            .GroupBy(i => i.UserId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TestCase(g.Key, g.Select(i => i.JobId).ToHashSet(StringComparer.Ordinal), empty))
            .ToList();
        return new EvaluationSplit("cold", corpus, train, tests);
    }
}
