using System.Collections.Concurrent;
using JobRec.Data.Import;
using JobRec.Data.Model;
using JobRec.Grains.Ingest;

namespace JobRec.Hosting.Local.Import;

/// <summary>An import sink in front of another that records every job id the inner sink acknowledged (its batch call returned) and
/// retries a whole batch that failed transiently (<see cref="IngestRetry.IsTransient"/>) up to <see cref="BatchAttempts"/> times: upserts
/// are idempotent, so a batch half-written when a silo died is written again in full through the surviving gateways.
/// Only jobs are supported: other kinds are passed through unrecorded.</summary>
public sealed class AcknowledgingIngestSink : IIngestSink
{
    /// <summary>Attempts of one batch (each attempt's own calls are retried by <see cref="GrainIngestSink"/> for a time budget).</summary>
    public const int BatchAttempts = 3;

    private readonly IIngestSink _inner;
    private readonly ConcurrentDictionary<string, byte> _acknowledged = new(StringComparer.Ordinal);
    private long _batchRetries;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public AcknowledgingIngestSink(IIngestSink inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Job ids acknowledged so far (each once, however often it was written).</summary>
    public ICollection<string> AcknowledgedJobs => _acknowledged.Keys;

    /// <summary>How many distinct job ids were acknowledged so far.</summary>
    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Whole batches written again after a transient failure.</summary>
    public long BatchRetries => Interlocked.Read(ref _batchRetries);

    /// <inheritdoc />
    public async ValueTask<int> UpsertJobsAsync(IReadOnlyList<JobPosting> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var created = await _inner.UpsertJobsAsync(jobs, cancellationToken).ConfigureAwait(false);
                foreach (var job in jobs)
                {
                    _acknowledged.TryAdd(job.Id, 0);
                }

                return created;
            }
            catch (Exception e) when (attempt < BatchAttempts && IngestRetry.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _batchRetries);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<int> UpsertUsersAsync(IReadOnlyList<UserProfile> users, CancellationToken cancellationToken = default) =>
        _inner.UpsertUsersAsync(users, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default) =>
        _inner.AddInteractionsAsync(interactions, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Occupation> occupations, CancellationToken cancellationToken = default) =>
        _inner.UpsertOccupationsAsync(occupations, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Skill> skills, CancellationToken cancellationToken = default) =>
        _inner.UpsertSkillsAsync(skills, cancellationToken);

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);
}
