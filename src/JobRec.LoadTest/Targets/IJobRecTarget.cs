using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Users;

namespace JobRec.LoadTest.Targets;

/// <summary>The JobRec calls a load scenario makes, implemented over the HTTP API or the client SDK.</summary>
public interface IJobRecTarget : IAsyncDisposable
{
    /// <summary>Human-readable description of the target, e.g. its URL.</summary>
    string Description { get; }

    /// <summary>Top-k recommendations for a user.</summary>
    Task RecommendAsync(string userId, int k, CancellationToken cancellationToken);

    /// <summary>Free-text search returning k hits.</summary>
    Task SearchAsync(string query, int k, CancellationToken cancellationToken);

    /// <summary>Records an interaction of a user with a job.</summary>
    Task RecordInteractionAsync(string userId, InteractionInput interaction, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a job posting.</summary>
    Task PutJobAsync(string jobId, JobInput job, CancellationToken cancellationToken);

    /// <summary>Closes a job posting.</summary>
    Task CloseJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Creates or updates a user's profile.</summary>
    Task PutUserAsync(string userId, UserInput profile, CancellationToken cancellationToken);
}
