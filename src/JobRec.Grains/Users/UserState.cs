using JobRec.Contracts.Interactions;
using JobRec.Contracts.Users;

namespace JobRec.Grains.Users;

/// <summary>Persistent state of a <see cref="UserGrain"/>.</summary>
public sealed class UserState
{
    /// <summary>The profile, null until created.</summary>
    public UserInput? Profile { get; set; }
    /// <summary>Resume embedding bytes (see EmbeddingCodec).</summary>
    public byte[]? Embedding { get; set; }
    /// <summary>Interactions, oldest first, at most ServingOptions.MaxStoredInteractions.</summary>
    public List<InteractionRecord> Interactions { get; set; } = [];
    /// <summary>Total interactions ever recorded (including dropped old ones).</summary>
    public int InteractionCount { get; set; }
    /// <summary>Normalised skills extracted from the resume text; empty in state stored before extraction existed.</summary>
    public List<string> ExtractedSkills { get; set; } = [];
    /// <summary>Bumped on every profile or interaction change; cached recommendations carry the version they were computed at.</summary>
    public long Version { get; set; }
}
