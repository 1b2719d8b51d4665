namespace JobRec.Evaluation.Splits;

/// <summary>One evaluated user: the jobs that count as hits and the jobs never to recommend (their training history).</summary>
/// <param name="UserId">The user.</param>
/// <param name="Relevant">Held-out jobs the user interacted with.</param>
/// <param name="Exclude">Jobs already known from training, left out of the user's list.</param>
public sealed record TestCase(string UserId, IReadOnlySet<string> Relevant, IReadOnlySet<string> Exclude);
