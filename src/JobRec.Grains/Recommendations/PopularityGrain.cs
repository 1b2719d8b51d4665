using System.Diagnostics;
using JobRec.Actors;
using JobRec.Contracts.Recommendations;

namespace JobRec.Grains.Recommendations;

/// <summary>Popularity of jobs (weighted interaction counts), persisted; serves the most popular jobs and normalised popularity.</summary>
public sealed class PopularityGrain : Grain<PopularityState>, IPopularityGrain
{
    /// <summary>The key of the one global popularity grain.</summary>
    public const string GlobalKey = "global";

    /// <summary>How stale the ranking of the most popular jobs may get while interactions keep arriving (re-sorting every count on each interaction would cost more than the recommends).</summary>
    public static readonly TimeSpan RankingRefresh = TimeSpan.FromSeconds(1);

    private List<KeyValuePair<string, float>>? _sorted;
    private long _sortedAt;
    private bool _rankingStale;
    private bool _dirty;
    private IDisposable? _flushTimer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Writes are coalesced: the state is flushed at most once per second and on deactivation.
        _flushTimer = RegisterGrainTimer(_ => FlushAsync(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        await FlushAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task AddAsync(IReadOnlyDictionary<string, float> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (id, w) in weights)
        {
            if (!float.IsFinite(w))
            {
                throw new ArgumentException($"popularity weight of job '{id}' is {w}; it must be finite", nameof(weights));
            }

            State.Counts[id] = State.Counts.GetValueOrDefault(id) + w;
        }

        _rankingStale = true;
        _dirty = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyValuePair<string, float>>> TopAsync(int count)
    {
        var sorted = Sorted();
        var max = sorted.Count > 0 ? sorted[0].Value : 1f;
        return Task.FromResult<IReadOnlyList<KeyValuePair<string, float>>>(sorted.Take(Math.Max(0, count))
            .Select(p => new KeyValuePair<string, float>(p.Key, max > 0 ? p.Value / max : 0f)).ToList());
    }

    /// <inheritdoc />
    public Task<float[]> PopularityOfAsync(IReadOnlyList<string> jobIds)
    {
        var sorted = Sorted();
        var max = sorted.Count > 0 ? sorted[0].Value : 0f;
        var result = new float[jobIds.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = max > 0 ? Math.Min(1f, State.Counts.GetValueOrDefault(jobIds[i]) / max) : 0f;
        }

        return Task.FromResult(result);
    }

    private List<KeyValuePair<string, float>> Sorted()
    {
        // TopAsync and PopularityOfAsync are [ReadOnly] and may run at once: two of them may both re-sort (same result), and the list
        // is published whole; AddAsync never runs alongside them.
        var sorted = Volatile.Read(ref _sorted);
        if (sorted is null || (_rankingStale && Stopwatch.GetElapsedTime(_sortedAt) >= RankingRefresh))
        {
            sorted = State.Counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(1000).ToList();
            _sortedAt = Stopwatch.GetTimestamp();
            _rankingStale = false;
            Volatile.Write(ref _sorted, sorted);
        }

        return sorted;
    }

    private async Task FlushAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            await WriteStateAsync().ConfigureAwait(false);
        }
    }
}
