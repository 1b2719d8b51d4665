using Orleans;
namespace JobRec.Contracts.Jobs;

/// <summary>A stored job as the engine serves it: the posting plus what inference derived and the interaction counters.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable, Alias("jobrec.JobView")]
public sealed record JobView
{
    /// <summary>The job's id (its grain key).</summary>
    public string Id { get; init; } = "";
    /// <summary>The posting as last submitted.</summary>
    public JobInput Posting { get; init; } = new();
    /// <summary>O*NET-SOC code (given or classified), or empty.</summary>
    public string OnetCode { get; init; } = "";
    /// <summary>Title of the O*NET occupation, or empty when unknown.</summary>
    public string OnetTitle { get; init; } = "";
    /// <summary>True when the O*NET code came from the classifier rather than the source.</summary>
    public bool OnetClassified { get; init; }
    /// <summary>True once the job was closed; closed jobs are removed from the index.</summary>
    public bool Closed { get; init; }
    /// <summary>How many views were recorded.</summary>
    public long Views { get; init; }
    /// <summary>How many saves were recorded.</summary>
    public long Saves { get; init; }
    /// <summary>How many applications were recorded.</summary>
    public long Applies { get; init; }
    /// <summary>The index shard holding the job's embedding.</summary>
    public int Shard { get; init; }
    /// <summary>Normalised skills extracted from the title and description (ESCO labels with the tagger, dictionary names with the fallback);
    /// the skill-overlap feature and reasons use them beside <see cref="JobInput.Skills"/>. Empty for jobs stored before extraction existed.</summary>
    public IReadOnlyList<string> ExtractedSkills { get; init; } = [];
    /// <summary>What extracted <see cref="ExtractedSkills"/>: "tagger", "dictionary", or empty when nothing was extracted.</summary>
    public string SkillModel { get; init; } = "";
}
