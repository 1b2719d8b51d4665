using System.Globalization;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts.Indexing;
using JobRec.Grains.Hosting;

namespace JobRec.Grains.Indexing;

/// <summary>One shard of the job vector index: entries persist in an <see cref="IShardEntryStore"/>, the FAISS index is rebuilt from them on activation.
/// Searches and look-ups are [ReadOnly] and run on the thread pool (Orleans interleaves read-only calls only at awaits on one scheduler).</summary>
[GrainType("JobRec.Grains.Indexing.IndexShardGrain")]
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
        ArgumentNullException.ThrowIfNull(entries);
        var compact = entries.Select(_strings.Compact).ToList();
        Index.Upsert(compact, _options.Clock());
        _store.Append(_shard, compact);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string jobId)
    {
        var removed = Index.Remove(jobId);
        if (removed)
        {
            _store.Remove(_shard, jobId);
        }

        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardHit>> SearchAsync(ShardQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.K < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.K, "shard query k must be at least 1");
        }

        // A scan is CPU work of milliseconds; it runs on the thread pool, not on the activation's scheduler, so concurrent read-only
        // calls of this shard (and other grains of the silo) are not serialised behind it. Writes still wait for running reads.
        var index = Index;
        var now = _options.Clock();
        return Task.Run<IReadOnlyList<ShardHit>>(() => index.Search(query, now));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardHit>> LookupAsync(IReadOnlyList<string> jobIds, ShardQuery query)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        ArgumentNullException.ThrowIfNull(query);
        var index = Index;
        var now = _options.Clock();
        return Task.Run<IReadOnlyList<ShardHit>>(() => index.Lookup(jobIds, query, now));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardEntry>> GetEntriesAsync(IReadOnlyList<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        return Task.FromResult<IReadOnlyList<ShardEntry>>(jobIds.Select(Index.Get).OfType<ShardEntry>().ToList());
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
