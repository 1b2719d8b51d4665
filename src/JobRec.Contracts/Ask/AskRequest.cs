using Orleans;
namespace JobRec.Contracts.Ask;

/// <summary>A question about jobs (1..<see cref="MaxQuestionLength"/> characters) answered from the <see cref="K"/> postings the semantic search retrieves for it.</summary>
/// <param name="Question">The question text.</param>
/// <param name="K">How many postings to retrieve as context (1..<see cref="MaxK"/>).</param>
[GenerateSerializer, Immutable, Alias("jobrec.AskRequest")]
public sealed record AskRequest(string Question, int K = 3)
{
    /// <summary>Longest question accepted, in characters.</summary>
    public const int MaxQuestionLength = 2_000;

    /// <summary>Most postings retrieved as context.</summary>
    public const int MaxK = 20;
}
