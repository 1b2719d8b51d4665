using Orleans;
using JobRec.Contracts.Search;

namespace JobRec.Contracts.Ask;

/// <summary>An answer to a question, with the jobs it was read from and which model produced it.</summary>
/// <param name="Question">The question as asked.</param>
/// <param name="Answer">The answer text; empty when nothing could be read from the postings.</param>
/// <param name="CitedJobIds">Ids of the postings the answer was taken from.</param>
/// <param name="Model">"language-model" when the trained QA checkpoint answered, "extractive" when the field was copied from the top posting (no checkpoint).</param>
/// <param name="Confidence">Mean log-probability of the generated tokens (closer to 0 is surer); 0 for extractive answers.</param>
/// <param name="Retrieved">The postings the semantic search retrieved for the question, best first.</param>
[GenerateSerializer, Immutable, Alias("jobrec.AskResponse")]
public sealed record AskResponse(string Question, string Answer, IReadOnlyList<string> CitedJobIds, string Model, double Confidence, IReadOnlyList<SearchHit> Retrieved);
