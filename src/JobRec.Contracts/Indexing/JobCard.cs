using Orleans;
using JobRec.Contracts.Jobs;

namespace JobRec.Contracts.Indexing;

/// <summary>
/// What ranking reads of a stored job besides its embedding: the list fields, skills, posting time and their <see cref="JobKeys"/>
/// (computed once, here). A shard builds one card per stored job and every hit of that job shares it, so a hit is a reference, a
/// score and its similarities instead of a copy of the card.
/// </summary>
[GenerateSerializer, Immutable, Alias("jobrec.JobCard")]
public sealed class JobCard
{
    /// <summary>A card of the given fields, with their keys.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="job"/> or <paramref name="skills"/> is null.</exception>
    public JobCard(JobSummary job, IReadOnlyList<string> skills, DateTimeOffset? postedAt)
    {
        Keys = JobKeys.Of(job, skills);
        Job = job;
        Skills = skills;
        PostedAt = postedAt;
    }

    /// <summary>List fields of the job.</summary>
    [Id(0)]
    public JobSummary Job { get; }

    /// <summary>The job's skills.</summary>
    [Id(1)]
    public IReadOnlyList<string> Skills { get; }

    /// <summary>When posted, when known.</summary>
    [Id(2)]
    public DateTimeOffset? PostedAt { get; }

    /// <summary>The job's ranking keys.</summary>
    [Id(3)]
    public JobKeys Keys { get; }
}
