using JobRec.ML.Language.Corpus;

namespace JobRec.Evaluation.Qa;

/// <summary>One evaluated question: reference, model answer, baseline answer and whether retrieval found the right posting.</summary>
/// <param name="Example">The question and reference answer.</param>
/// <param name="ModelAnswer">The language model's answer.</param>
/// <param name="ExtractiveAnswer">The retrieval-only baseline's answer.</param>
/// <param name="RetrievedJobId">Id of the top retrieved posting, or empty.</param>
public sealed record QaPrediction(QaExample Example, string ModelAnswer, string ExtractiveAnswer, string RetrievedJobId);
