using JobRec.Contracts.Indexing;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Users;

namespace JobRec.Grains.Recommendations;

/// <summary>What the recommendation pipeline knows about the user at request time.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Profile">The profile.</param>
/// <param name="ResumeEmbedding">Unit resume embedding, or empty.</param>
/// <param name="Interactions">Stored interactions, oldest first.</param>
/// <param name="RecentJobs">Recent distinct jobs (newest first) with their embeddings and summaries; unknown jobs are left out.</param>
/// <param name="ExtractedSkills">Normalised skills extracted from the resume (null: none).</param>
public sealed record UserContext(string UserId, UserInput Profile, float[] ResumeEmbedding, IReadOnlyList<InteractionRecord> Interactions,
    IReadOnlyList<RecentJob> RecentJobs, IReadOnlyList<string>? ExtractedSkills = null)
{
    /// <summary>The profile's skills followed by the extracted ones (distinct ignoring case): what is matched with jobs' skills.</summary>
    public string[] AllSkills { get; } = Jobs.JobText.AllSkills(Profile.Skills, ExtractedSkills ?? []);

    /// <summary>Every job the user interacted with (never recommended again), built once per context.</summary>
    public ExclusionSet Seen { get; } = new(Interactions.Select(i => i.JobId));

    /// <summary>The pipeline's weighted mean of the recent job embeddings, computed on the first recommend of this context.</summary>
    internal float[]? History { get; set; }

    /// <summary>The user's side of the title/city features and the featurizer it was built with, computed on the first recommend of this context.</summary>
    internal (JobRec.ML.Recommenders.TitleCityFeaturizer Featurizer, JobRec.ML.Recommenders.TitleCityUser User)? TitleCity { get; set; }

    /// <summary>The pipeline's query vector (resume and history mixed), computed on the first recommend of this context.</summary>
    internal float[]? Query { get; set; }

    /// <summary>The profile's and the extracted skills (<see cref="AllSkills"/>) as <see cref="Contracts.Indexing.SkillKeys"/>, built once per context.</summary>
    public ulong[] SkillKeys { get; } = Contracts.Indexing.SkillKeys.Of(Jobs.JobText.AllSkills(Profile.Skills, ExtractedSkills ?? []));

    /// <summary>The profile's region as <see cref="JobKeys.RegionKey"/> (0 when none), built once per context.</summary>
    public ulong RegionKey { get; } = JobKeys.RegionKey(Profile.Region);

    /// <summary>The O*NET codes of the recent jobs as <see cref="JobKeys.OnetKey"/>, distinct, built once per context.</summary>
    public ulong[] RecentOnetKeys { get; } = RecentJobs.Select(r => JobKeys.OnetKey(r.Job.OnetCode)).Where(k => k != 0).Distinct().ToArray();
}

/// <summary>One of the user's recent jobs as the pipeline uses it.</summary>
/// <param name="Job">Its list fields.</param>
/// <param name="Embedding">Its unit embedding.</param>
/// <param name="Kind">The strongest interaction the user had with it.</param>
public sealed record RecentJob(JobSummary Job, float[] Embedding, InteractionKind Kind);
