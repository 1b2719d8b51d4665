using System.Diagnostics;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Recommendations;

namespace JobRec.Grains.Recommendations;

/// <summary>Popularity of jobs (weighted interaction counts), persisted; serves the most popular jobs and normalised popularity.</summary>
[GrainType("JobRec.Grains.Recommendations.PopularityGrain")]
public sealed class PopularityGrain : Grain<PopularityState>, IPopularityGrain
{
    /// <summary>The key of the one global popularity grain.</summary>
    public const string GlobalKey = "global";

    /// <summary>How stale the ranking of the most popular jobs may get while interactions keep arriving (re-sorting every count on each interaction would cost more than the recommends).</summary>
    public static readonly TimeSpan RankingRefresh = TimeSpan.FromSeconds(1);

    // How many of the most popular jobs are kept ranked (TopAsync serves at most these).
    private const int RankedJobs = 1000;

    private List<KeyValuePair<string, float>>? _sorted;
    // The counts again by id key, built on first use and kept in step by AddAsync (a write turn: never alongside the reads).
    private Dictionary<ulong, float>? _byKey;
    private long _sortedAt;
    private bool _rankingStale;
    private bool _dirty;
    private IDisposable? _flushTimer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Writes are coalesced: the state is flushed at most once per second and on deactivation.
        _flushTimer = this.RegisterGrainTimer(_ => FlushAsync(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        await FlushAsync();
    }

    /// <inheritdoc />
    public Task AddAsync(IReadOnlyDictionary<string, float> weights)
    {
        GrainArguments.Count("weights", weights);
        foreach (var (id, w) in weights)
        {
            GrainArguments.Key("weights key", id);
            GrainArguments.Finite($"weights[{id}]", w, ContractLimits.MaxPopularityWeight);
        }

        foreach (var (id, w) in weights)
        {

            State.Counts[id] = State.Counts.GetValueOrDefault(id) + w;
            if (_byKey is not null)
            {
                var key = StableKey.Of(id);
                _byKey[key] = _byKey.GetValueOrDefault(key) + w;
            }
        }

        _rankingStale = true;
        _dirty = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyValuePair<string, float>>> TopAsync(int count)
    {
        GrainArguments.Range("count", count, 0, ContractLimits.MaxBatchItems);
        var sorted = Sorted();
        var max = sorted.Count > 0 ? sorted[0].Value : 1f;
        return Task.FromResult<IReadOnlyList<KeyValuePair<string, float>>>(sorted.Take(Math.Max(0, count))
            .Select(p => new KeyValuePair<string, float>(p.Key, max > 0 ? p.Value / max : 0f)).ToList());
    }

    /// <inheritdoc />
    public Task<float[]> PopularityOfAsync(IReadOnlyList<string> jobIds)
    {
        GrainArguments.Count("jobIds", jobIds);
        return PopularityOfKeysAsync(jobIds.Select(StableKey.Of).ToArray());
    }

    /// <inheritdoc />
    public Task<float[]> PopularityOfKeysAsync(IReadOnlyList<ulong> jobKeys)
    {
        GrainArguments.Count("jobKeys", jobKeys);
        var sorted = Sorted();
        var max = sorted.Count > 0 ? sorted[0].Value : 0f;
        var byKey = Volatile.Read(ref _byKey);
        if (byKey is null)
        {
            // Two concurrent first readers may both build it (same content); it is published whole.
            byKey = new Dictionary<ulong, float>(State.Counts.Count);
            foreach (var (id, count) in State.Counts)
            {
                var key = StableKey.Of(id);
                byKey[key] = byKey.GetValueOrDefault(key) + count;
            }

            Volatile.Write(ref _byKey, byKey);
        }

        var result = new float[jobKeys.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = max > 0 ? Math.Min(1f, byKey.GetValueOrDefault(jobKeys[i]) / max) : 0f;
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
            sorted = Highest(State.Counts, RankedJobs);
            _sortedAt = Stopwatch.GetTimestamp();
            _rankingStale = false;
            Volatile.Write(ref _sorted, sorted);
        }

        return sorted;
    }

    /// <summary>The <paramref name="count"/> highest counts, highest first (ties by id, ordinal), selected with a bounded heap: a full
    /// sort of every count allocated several megabytes and took tens of milliseconds inside a read turn each refresh.</summary>
    internal static List<KeyValuePair<string, float>> Highest(IReadOnlyDictionary<string, float> counts, int count)
    {
        // The heap's root is the worst kept entry: lowest count, and among equal counts the greatest id.
        var heap = new PriorityQueue<string, (float Value, string Id)>(count + 1, WorstFirst.Instance);
        foreach (var (id, value) in counts)
        {
            if (heap.Count < count)
            {
                heap.Enqueue(id, (value, id));
            }
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((value, id), worst) > 0)
            {
                heap.DequeueEnqueue(id, (value, id));
            }
        }

        var kept = new List<KeyValuePair<string, float>>(heap.Count);
        while (heap.TryDequeue(out var id, out var key))
        {
            kept.Add(new KeyValuePair<string, float>(id, key.Value));
        }

        kept.Reverse();
        return kept;
    }

    private async Task FlushAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            await WriteStateAsync();
        }
    }

    /// <summary>Orders (count, id) keys worst first: lower count first, and for equal counts the greater id (ordinal) first.</summary>
    private sealed class WorstFirst : IComparer<(float Value, string Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Value, string Id) x, (float Value, string Id) y)
        {
            var byValue = x.Value.CompareTo(y.Value);
            return byValue != 0 ? byValue : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}
