using JobRec.Data.Model;

namespace JobRec.Data.Import;

/// <summary>
/// Where imported items go (grain state, a database, memory). Every method is idempotent by key — jobs and users by
/// id, occupations by code, skills by name, interactions by (user, job, kind, time) — so re-running an import adds nothing twice.
/// </summary>
public interface IIngestSink
{
    /// <summary>Inserts or replaces jobs by id; returns how many ids were new.</summary>
    ValueTask<int> UpsertJobsAsync(IReadOnlyList<JobPosting> jobs, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces users by id; returns how many ids were new.</summary>
    ValueTask<int> UpsertUsersAsync(IReadOnlyList<UserProfile> users, CancellationToken cancellationToken = default);

    /// <summary>Adds interactions not already present; returns how many were new.</summary>
    ValueTask<int> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces occupations by code; returns how many codes were new.</summary>
    ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Occupation> occupations, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces skills by name (case-insensitive); returns how many names were new.</summary>
    ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Skill> skills, CancellationToken cancellationToken = default);

    /// <summary>Makes everything written so far durable (no-op for sinks that write through).</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);
}
