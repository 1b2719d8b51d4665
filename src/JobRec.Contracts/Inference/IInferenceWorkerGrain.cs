using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Ask;
using JobRec.Contracts.Security;
using JobRec.Contracts.Skills;

namespace JobRec.Contracts.Inference;

/// <summary>A stateless-worker pool that runs the models; concurrent requests are micro-batched (small wait window, max batch) before each model call.</summary>
[Alias("jobrec.IInferenceWorkerGrain")]
public interface IInferenceWorkerGrain : IGrainWithStringKey
{
    /// <summary>L2-normalised embeddings of the texts, one per text, in order.</summary>
    [InternalGrainMethod]
    [return: Immutable]
    Task<float[][]> EncodeAsync([Immutable] IReadOnlyList<string> texts);

    /// <summary>Factorization-machine scores of the candidate pairs, in order.</summary>
    [InternalGrainMethod]
    [return: Immutable]
    Task<float[]> ScoreAsync([Immutable] IReadOnlyList<CandidateFeatures> candidates);

    /// <summary>The O*NET occupation of a posting's title and description.</summary>
    [InternalGrainMethod]
    Task<OccupationMatch> ClassifyAsync(string title, string description);

    /// <summary>Skill spans (with offsets) and normalised skills of each text, reading at most its first <paramref name="maxCharacters"/> characters
    /// (cut at a word break); texts of concurrent calls are tagged in one batch. Never throws for text content: empty text gives an empty result,
    /// binary data and non-English text a warning.</summary>
    [return: Immutable]
    Task<SkillExtractResponse[]> ExtractSkillsAsync([Immutable] IReadOnlyList<string> texts, int maxCharacters);

    /// <summary>Skills of each text as bulk import extracts them (the silo's import mode and character limit, <see cref="SkillModelInfo.ImportModel"/>);
    /// an empty array when import extraction is off.</summary>
    [return: Immutable]
    [InternalGrainMethod]
    Task<SkillExtractResponse[]> ExtractImportSkillsAsync([Immutable] IReadOnlyList<string> texts);

    /// <summary>What extracts skills in this silo (tagger or dictionary fallback, and why).</summary>
    Task<SkillModelInfo> GetSkillModelAsync();

    /// <summary>Answers a question from the postings the semantic search retrieves for it (questions of concurrent calls are answered in one batch); throws <see cref="ContractValidationException"/> for a bad request.</summary>
    Task<AskResponse> AskAsync(AskRequest request);
}
