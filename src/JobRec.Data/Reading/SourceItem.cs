using JobRec.Data.Model;

namespace JobRec.Data.Reading;

/// <summary>One thing a source yields: exactly one of a job, a user, an interaction, an occupation or a skill.</summary>
public readonly record struct SourceItem
{
    /// <summary>The job, when this item is a job.</summary>
    public JobPosting? Job { get; private init; }
    /// <summary>The user, when this item is a user.</summary>
    public UserProfile? User { get; private init; }
    /// <summary>The interaction, when this item is an interaction.</summary>
    public Interaction? Interaction { get; private init; }
    /// <summary>The occupation, when this item is an occupation.</summary>
    public Occupation? Occupation { get; private init; }
    /// <summary>The skill, when this item is a skill.</summary>
    public Skill? Skill { get; private init; }

    /// <summary>Wraps a job.</summary>
    public static SourceItem Of(JobPosting job) => new() { Job = job };
    /// <summary>Wraps a user.</summary>
    public static SourceItem Of(UserProfile user) => new() { User = user };
    /// <summary>Wraps an interaction.</summary>
    public static SourceItem Of(Interaction interaction) => new() { Interaction = interaction };
    /// <summary>Wraps an occupation.</summary>
    public static SourceItem Of(Occupation occupation) => new() { Occupation = occupation };
    /// <summary>Wraps a skill.</summary>
    public static SourceItem Of(Skill skill) => new() { Skill = skill };
}
