using Orleans;

namespace JobRec.Contracts.Jobs;

/// <summary>One job of a bulk import (<see cref="IJobImportGrain.ImportAsync"/>): its id, posting, embedding and the skills extracted at import.</summary>
/// <param name="Id">The job id (the key of its job grain).</param>
/// <param name="Posting">The posting.</param>
/// <param name="Embedding">Its embedding (normalised by the importer).</param>
/// <param name="ExtractedSkills">Skills extracted from its text at import (may be empty).</param>
/// <param name="SkillModel">What extracted them ("dictionary", "tagger"), empty when nothing did.</param>
[GenerateSerializer, Immutable, Alias("jobrec.JobImportItem")]
public sealed record JobImportItem(string Id, JobInput Posting, float[] Embedding, IReadOnlyList<string> ExtractedSkills, string SkillModel);
