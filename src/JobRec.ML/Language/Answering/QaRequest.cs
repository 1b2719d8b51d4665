using JobRec.ML.Language.Corpus;

namespace JobRec.ML.Language.Answering;

/// <summary>One question with the postings retrieved for it, best first.</summary>
/// <param name="Question">The question text.</param>
/// <param name="Postings">Retrieved postings, best first.</param>
public sealed record QaRequest(string Question, IReadOnlyList<PostingFacts> Postings);
