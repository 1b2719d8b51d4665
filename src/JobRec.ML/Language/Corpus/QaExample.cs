namespace JobRec.ML.Language.Corpus;

/// <summary>A question about one posting with its reference answer.</summary>
/// <param name="Kind">Which field is asked for.</param>
/// <param name="Question">The question text.</param>
/// <param name="Answer">The reference answer (the field's value as serialized).</param>
/// <param name="JobId">Id of the posting that answers it.</param>
public sealed record QaExample(QuestionKind Kind, string Question, string Answer, string JobId);
