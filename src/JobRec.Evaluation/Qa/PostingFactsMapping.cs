using JobRec.Data.Model;
using JobRec.ML.Language.Corpus;

namespace JobRec.Evaluation.Qa;

/// <summary>Maps the engine's <see cref="JobPosting"/> onto the facts the QA language model reads.</summary>
public static class PostingFactsMapping
{
    /// <summary>The QA facts of <paramref name="posting"/> (see <see cref="PostingFacts.From"/>).</summary>
    public static PostingFacts ToFacts(this JobPosting posting) => PostingFacts.From(posting);
}
