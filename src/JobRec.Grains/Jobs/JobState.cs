using JobRec.Contracts.Jobs;

namespace JobRec.Grains.Jobs;

/// <summary>Persistent state of a <see cref="JobGrain"/>.</summary>
public sealed class JobState
{
    /// <summary>The posting, null until created.</summary>
    public JobInput? Posting { get; set; }
    /// <summary>Embedding bytes (see EmbeddingCodec) of a closed job; null while open (the index shard entry holds the one copy).</summary>
    public byte[]? Embedding { get; set; }
    /// <summary>O*NET code, given or classified.</summary>
    public string OnetCode { get; set; } = "";
    /// <summary>O*NET occupation title.</summary>
    public string OnetTitle { get; set; } = "";
    /// <summary>True when the classifier chose the code.</summary>
    public bool OnetClassified { get; set; }
    /// <summary>True once closed.</summary>
    public bool Closed { get; set; }
    /// <summary>Views recorded.</summary>
    public long Views { get; set; }
    /// <summary>Saves recorded.</summary>
    public long Saves { get; set; }
    /// <summary>Applications recorded.</summary>
    public long Applies { get; set; }
    /// <summary>Normalised skills extracted from title and description; empty in state stored before extraction existed (the JSON has no such
    /// field) until the job is upserted again.</summary>
    public List<string> ExtractedSkills { get; set; } = [];
    /// <summary>What extracted <see cref="ExtractedSkills"/> ("tagger", "dictionary"), empty when nothing was extracted.</summary>
    public string SkillModel { get; set; } = "";
    /// <summary>Co-interaction counts: other job id to how often the same user touched both.</summary>
    public Dictionary<string, int> CoInteractions { get; set; } = [];
}
