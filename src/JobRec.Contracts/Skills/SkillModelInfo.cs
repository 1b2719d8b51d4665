using Orleans;

namespace JobRec.Contracts.Skills;

/// <summary>What extracts skills in a silo.</summary>
/// <param name="Model">"tagger" or "dictionary" (fallback: no tagger model loaded).</param>
/// <param name="Description">One line: the model and normaliser, or why the fallback is in use.</param>
/// <param name="EscoLabels">ESCO skill labels spans are linked to (0: spans are normalised by the dictionary).</param>
/// <param name="UpsertCharacters">Characters of a description or resume tagged when a job or user is created or replaced through the API.</param>
/// <param name="ImportCharacters">Characters read per job or user on bulk import.</param>
/// <param name="ImportModel">What extracts on bulk import: "tagger", "dictionary" or "off".</param>
[GenerateSerializer, Immutable, Alias("jobrec.SkillModelInfo")]
public sealed record SkillModelInfo(string Model, string Description, int EscoLabels, int UpsertCharacters, int ImportCharacters, string ImportModel);
