using JobRec.Contracts;
using JobRec.Contracts.Catalog;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Skills;
using JobRec.Grains.Catalog;
using JobRec.Grains.Embeddings;
using JobRec.Grains.Inference;
using Orleans;

namespace JobRec.Grains.Jobs;

/// <summary>Fills a job's state from a posting (O*NET code given or classified, its title, extracted skills) and makes its shard entry;
/// shared by the job grain and the bulk importer (<see cref="JobImportGrain"/>), so both store the same state.</summary>
internal static class JobStateBuilder
{
    /// <summary>Sets the posting fields of <paramref name="state"/> (counters and co-interactions are left as they are; the state keeps no
    /// embedding while open) and returns the job's shard entry with the normalised embedding. The posting is classified when it has no
    /// O*NET code; <paramref name="skills"/> yields the extracted skills (none when empty).</summary>
    public static async Task<ShardEntry> FillAsync(JobState state, string id, JobInput posting, float[] embedding, Task<SkillExtractResponse[]> skills,
        IGrainFactory grains, InferenceModels models, OccupationTitleCache titles)
    {
        var vector = (float[])embedding.Clone();
        VectorMath.NormalizeInPlace(vector);
        var onetCode = posting.OnetCode;
        var onetTitle = "";
        var classified = false;
        if (onetCode.Length == 0)
        {
            var match = await grains.GetGrain<IInferenceWorkerGrain>("0").ClassifyAsync(posting.Title, posting.Description);
            onetCode = match.Code;
            onetTitle = match.Title;
            classified = match.Code.Length > 0;
        }

        var extracted = await skills;
        state.ExtractedSkills = extracted.Length > 0 ? [.. extracted[0].Skills.Where(s => !string.IsNullOrWhiteSpace(s)).Take(ContractLimits.MaxSkills)] : [];
        state.SkillModel = extracted.Length > 0 ? extracted[0].Model : "";
        state.Posting = posting;
        state.Embedding = null;
        state.OnetCode = onetCode;
        if (onetTitle.Length == 0 && onetCode.Length > 0)
        {
            onetTitle = models.Classifier?.TitleOf(onetCode) ?? "";
            if (onetTitle.Length == 0 && !titles.TryGet(onetCode, out onetTitle))
            {
                onetTitle = await grains.GetGrain<ICatalogGrain>(CatalogKeys.Occupations).LookupAsync(onetCode);
                titles.Remember(onetCode, onetTitle);
            }
        }

        state.OnetTitle = onetTitle;
        state.OnetClassified = classified;
        state.Closed = false;
        return new ShardEntry(Summary(id, state), vector, JobText.AllSkills(posting.Skills, state.ExtractedSkills), posting.PostedAt, posting.ClosesAt);
    }

    /// <summary>The list fields of a stored job.</summary>
    public static JobSummary Summary(string id, JobState state)
    {
        var p = state.Posting!;
        return new JobSummary(id, p.Title, p.Company, p.Location, p.Region, p.Remote, state.OnetCode);
    }
}
