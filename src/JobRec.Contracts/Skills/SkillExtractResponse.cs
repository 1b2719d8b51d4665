using Orleans;

namespace JobRec.Contracts.Skills;

/// <summary>The skills found in one text.</summary>
/// <param name="Spans">Spans with offsets, ordered by start.</param>
/// <param name="Skills">Distinct normalised skills in order of first occurrence (at most 100): what jobs and users store.</param>
/// <param name="Model">"tagger" (the trained span tagger) or "dictionary" (the fallback matcher when no tagger model is loaded).</param>
/// <param name="CharactersRead">Characters read from the start of the text.</param>
/// <param name="Truncated">True when only the first <paramref name="CharactersRead"/> characters were read.</param>
/// <param name="Warning">Why the result may be empty or poor (binary data, non-English text), or null.</param>
[GenerateSerializer, Immutable, Alias("jobrec.SkillExtractResponse")]
public sealed record SkillExtractResponse(IReadOnlyList<SkillSpan> Spans, IReadOnlyList<string> Skills, string Model, int CharactersRead, bool Truncated, string? Warning);
