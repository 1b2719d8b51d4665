using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Recommendations;
using JobRec.Contracts.Security;

namespace JobRec.Contracts.Users;

/// <summary>One job seeker keyed by id: profile, resume embedding, interactions; recommends jobs and caches the answer until something changes.</summary>
[Alias("jobrec.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the profile, encodes the resume and drops cached recommendations.</summary>
    Task<UserView> UpsertProfileAsync(UserInput profile);

    /// <summary>Stores a profile whose embedding was computed in bulk (ingest path); it extracts no skills (bulk importers use
    /// <see cref="UpsertPreparedAsync"/>).</summary>
    [InternalGrainMethod]
    Task<UserView> UpsertEncodedAsync(UserInput profile, [Immutable] float[] embedding);

    /// <summary>Stores a profile whose embedding and resume skills were computed in bulk (<see cref="Inference.IInferenceWorkerGrain.ExtractSkillsAsync"/>).</summary>
    [InternalGrainMethod]
    Task<UserView> UpsertPreparedAsync(UserInput profile, [Immutable] float[] embedding, [Immutable] IReadOnlyList<string> extractedSkills);

    /// <summary>The stored user, or null when this id was never created.</summary>
    Task<UserView?> GetAsync();

    /// <summary>Records an interaction (the job must exist), updates the job's counters and drops cached recommendations.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    Task<InteractionRecord> RecordInteractionAsync(InteractionInput interaction);

    /// <summary>Records interactions in bulk without per-interaction job validation (ingest path; creates an empty profile when none exists); returns those that were new.</summary>
    [InternalGrainMethod]
    [return: Immutable]
    Task<IReadOnlyList<InteractionRecord>> ImportInteractionsAsync([Immutable] IReadOnlyList<InteractionRecord> interactions);

    /// <summary>The top-k jobs for this user with reasons when asked; cached until the profile or interactions change.</summary>
    /// <exception cref="KeyNotFoundException">The user does not exist.</exception>
    Task<RecommendationList> RecommendAsync(RecommendationRequest request);
}
