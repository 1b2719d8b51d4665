namespace JobRec.ML.Language.Answering;

/// <summary>An answer generated from retrieved postings, with the ids of the postings it was read from.</summary>
/// <param name="Text">The answer text (empty when the model produced nothing).</param>
/// <param name="CitedJobIds">Ids of the postings that were given to the model as context.</param>
/// <param name="MeanLogProbability">Mean log-probability of the generated tokens (a confidence; closer to 0 is surer).</param>
public sealed record QaAnswer(string Text, IReadOnlyList<string> CitedJobIds, double MeanLogProbability);
