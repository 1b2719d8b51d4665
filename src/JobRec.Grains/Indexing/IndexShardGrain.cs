using System.Globalization;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Grains.Hosting;
using JobRec.Grains.Indexing.Placement;

namespace JobRec.Grains.Indexing;

/// <summary>One shard of the job vector index: entries persist in an <see cref="IShardEntryStore"/>, the FAISS index is rebuilt from them on activation.
/// Searches and look-ups are [ReadOnly] and run on the thread pool (Orleans interleaves read-only calls only at awaits on one scheduler).</summary>
[GrainType("JobRec.Grains.Indexing.IndexShardGrain")]
[ShardSpreadPlacement]
public sealed class IndexShardGrain : Grain, IIndexShardGrain
{
    /// <summary>How often a shard takes jobs past their closing time out of its vector index.</summary>
    public static readonly TimeSpan ExpiryInterval = TimeSpan.FromSeconds(10);

    private readonly IShardEntryStore _store;
    private readonly ServingOptions _options;
    private readonly ShardStringPool _strings = new();
    private ShardVectorIndex? _index;
    private IDisposable? _expiryTimer;
    private int _shard;

    /// <summary>Created by the runtime.</summary>
    public IndexShardGrain(IShardEntryStore store, ServingOptions options)
    {
        _store = store;
        _options = options;
    }

    private ShardVectorIndex Index => _index ?? throw new InvalidOperationException($"index shard {_shard} is not activated");

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _shard) || _shard >= _options.ShardCount)
        {
            throw new ArgumentException($"index shard key '{key}' is not a shard number between 0 and {_options.ShardCount - 1}");
        }

        _index = new ShardVectorIndex(_options.ShardIndex, _options.InvertedFile);
        _index.Upsert(_store.Load(_shard).Select(_strings.Compact).ToList(), _options.Clock());
        _expiryTimer = this.RegisterGrainTimer(_ =>
        {
            _index?.ExpireDue(_options.Clock());
            return Task.CompletedTask;
        }, ExpiryInterval, ExpiryInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _expiryTimer?.Dispose();
        _index?.Dispose();
        _index = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpsertAsync(IReadOnlyList<ShardEntry> entries)
    {
        GrainArguments.Count("entries", entries);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i]?.Job is null)
            {
                throw new ContractValidationException($"entries[{i}]", "must name a job");
            }

            GrainArguments.Key($"entries[{i}].job.id", entries[i].Job.Id);
            GrainArguments.Vector($"entries[{i}].embedding", entries[i].Embedding);
        }

        var compact = entries.Select(_strings.Compact).ToList();
        Index.Upsert(compact, _options.Clock());
        return _store.AppendAsync(_shard, compact);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string jobId)
    {
        GrainArguments.Key("jobId", jobId);
        return Index.Remove(jobId) ? RemoveStoredAsync(jobId) : Task.FromResult(false);
    }

    private async Task<bool> RemoveStoredAsync(string jobId)
    {
        await _store.RemoveAsync(_shard, jobId);
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardHit>> SearchAsync(ShardQuery query)
    {
        Validate(query);

        // A scan is CPU work of milliseconds; it runs on the thread pool, not on the activation's scheduler, so concurrent read-only
        // calls of this shard (and other grains of the silo) are not serialised behind it. Writes still wait for running reads.
        var index = Index;
        var now = _options.Clock();
        return Task.Run<IReadOnlyList<ShardHit>>(() => index.Search(query, now));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardHit>> LookupAsync(IReadOnlyList<string> jobIds, ShardQuery query)
    {
        GrainArguments.Count("jobIds", jobIds);
        Validate(query);
        var index = Index;
        var now = _options.Clock();
        return Task.Run<IReadOnlyList<ShardHit>>(() => index.Lookup(jobIds, query, now));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardEntry>> GetEntriesAsync(IReadOnlyList<string> jobIds)
    {
        GrainArguments.Count("jobIds", jobIds);
        return Task.FromResult<IReadOnlyList<ShardEntry>>(jobIds.Select(Index.Get).OfType<ShardEntry>().ToList());
    }

    private static void Validate(ShardQuery? query)
    {
        if (query is null)
        {
            throw new ContractValidationException("query", "is required");
        }

        GrainArguments.Range("query.k", query.K, 1, ContractLimits.MaxBatchItems);
        GrainArguments.Vector("query.vector", query.Vector);
        if (query.ScoringVectors is { } extra)
        {
            GrainArguments.Count("query.scoringVectors", extra, ContractLimits.MaxK);
        }

        if (query.Exclude is { } exclude)
        {
            GrainArguments.Count("query.exclude", exclude);
        }
    }

    /// <inheritdoc />
    public Task<int> RebuildAsync()
    {
        var entries = _store.Load(_shard);
        _store.Compact(_shard, entries);
        _index?.Dispose();
        _index = new ShardVectorIndex(_options.ShardIndex, _options.InvertedFile);
        _index.Upsert(entries, _options.Clock());
        return Task.FromResult(_index.Count);
    }

    /// <inheritdoc />
    public Task<ShardStatus> GetStatusAsync() =>
        Task.FromResult(new ShardStatus(_shard, Index.Count, Index.Dimension, Index.Kind.Length == 0 ? "empty" : Index.Kind, _options.ShardCount, Index.Searchable));
}
