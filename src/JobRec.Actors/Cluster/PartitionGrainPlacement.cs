using JobRec.Actors.Runtime;
using Npgsql;

namespace JobRec.Actors.Cluster;

/// <summary>Cluster placement: a grain is local when this silo holds its partition's lease, otherwise it lives at the endpoint of the partition's owner as last read from PostgreSQL; a "moved" answer forces a re-read.</summary>
public sealed class PartitionGrainPlacement : IGrainPlacement
{
    private static readonly TimeSpan MinRefreshGap = TimeSpan.FromMilliseconds(100);
    private readonly NpgsqlDataSource _dataSource;
    private readonly PartitionOwnership _ownership;
    private readonly object _refreshGate = new();
    private string?[] _owners;
    private int _stale;
    private Task _refreshing = Task.CompletedTask;
    private long _lastRefreshMs = long.MinValue / 2;

    /// <summary>Creates the placement over this silo's <paramref name="ownership"/>; call <see cref="RefreshAsync"/> before serving and after every lease cycle.</summary>
    public PartitionGrainPlacement(NpgsqlDataSource dataSource, PartitionOwnership ownership)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _ownership = ownership ?? throw new ArgumentNullException(nameof(ownership));
        _owners = new string?[ownership.Map.PartitionCount];
    }

    /// <summary>True after a "moved" answer until the next <see cref="RefreshAsync"/>.</summary>
    public bool IsStale => Volatile.Read(ref _stale) != 0;

    /// <summary>This silo's own silo-to-silo endpoint; a snapshot that names it for a partition this silo does not hold is stale, never a target.</summary>
    public string? SelfEndpoint { get; set; }

    /// <inheritdoc />
    public GrainLocation Locate(GrainId grainId)
    {
        if (_ownership.Owns(grainId))
        {
            return GrainLocation.Local;
        }

        var partition = _ownership.Map.GetPartition(grainId);
        if (_ownership.IsDraining(grainId))
        {
            throw new PartitionUnavailableException($"Partition {partition} of grain '{grainId}' is being handed over by this silo; retry the call.");
        }

        return Volatile.Read(ref _owners)[partition] is { } endpoint && !string.Equals(endpoint, SelfEndpoint, StringComparison.Ordinal)
            ? GrainLocation.Remote(endpoint)
            : throw new PartitionUnavailableException($"Partition {partition} of grain '{grainId}' has no live owner yet (leases are being taken over); retry the call.");
    }

    /// <inheritdoc />
    public void OnMoved(GrainId grainId)
    {
        Volatile.Write(ref _stale, 1);
        _ = RefreshSoonAsync();
    }

    /// <summary>Starts a re-read unless one is running or finished less than 100 ms ago (many callers seeing "moved" at once share one query); returns the refresh to wait for.</summary>
    public Task RefreshSoonAsync()
    {
        lock (_refreshGate)
        {
            if (!_refreshing.IsCompleted || Environment.TickCount64 - _lastRefreshMs < MinRefreshGap.TotalMilliseconds)
            {
                return _refreshing;
            }

            _lastRefreshMs = Environment.TickCount64;
            _refreshing = RefreshQuietlyAsync();
            return _refreshing;
        }
    }

    /// <summary>Re-reads every partition's live owner endpoint (lease not expired, owner's membership row present).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _stale, 0);
        var owners = new string?[_ownership.Map.PartitionCount];
        await using var cmd = _dataSource.CreateCommand("""
            SELECT l.partition, m.endpoint FROM partition_lease l JOIN silo_membership m ON m.silo_id = l.owner
            WHERE l.lease_until > now();
            """);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var p = reader.GetInt32(0);
            if (p < owners.Length)
            {
                owners[p] = reader.GetString(1);
            }
        }

        Volatile.Write(ref _owners, owners);
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Volatile.Write(ref _stale, 1); // the next "moved" or lease cycle tries again
        }
    }
}
