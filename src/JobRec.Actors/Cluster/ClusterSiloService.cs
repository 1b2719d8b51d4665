using JobRec.Actors.Runtime;
using JobRec.Actors.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JobRec.Actors.Cluster;

/// <summary>Runs a silo's cluster membership: creates the schema, then every renew interval heartbeats, renews and rebalances its partition leases and refreshes placement; deactivates grains of lost partitions; on stop hands every partition over (deactivate, persist, release) and leaves.</summary>
public sealed class ClusterSiloService : IHostedLifecycleService
{
    private readonly ClusterOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PartitionOwnership _ownership;
    private readonly PartitionGrainPlacement _placement;
    private readonly PartitionLeaseTable _leases;
    private readonly MembershipTable _membership;
    private readonly GrainRuntime _runtime;
    private readonly SiloGatewayEndpoint _gateway;
    private readonly SiloToSiloEndpoint _siloEndpoint;
    private readonly MembershipGatewayList _gatewayList;
    private readonly ILogger<ClusterSiloService> _logger;
    private readonly CancellationTokenSource _stop = new();
    private PartitionLeaseKeeper? _keeper;
    private Task _loop = Task.CompletedTask;
    private long _lastRenewStartMs;

    /// <summary>Creates the service from the cluster's services (see ClusterHostingExtensions.UseJobRecCluster).</summary>
    public ClusterSiloService(ClusterOptions options, NpgsqlDataSource dataSource, PartitionOwnership ownership, PartitionGrainPlacement placement,
        PartitionLeaseTable leases, MembershipTable membership, GrainRuntime runtime, SiloGatewayEndpoint gateway, SiloToSiloEndpoint siloEndpoint,
        MembershipGatewayList gatewayList, ILogger<ClusterSiloService> logger)
    {
        _options = options;
        _dataSource = dataSource;
        _ownership = ownership;
        _placement = placement;
        _leases = leases;
        _membership = membership;
        _runtime = runtime;
        _gateway = gateway;
        _siloEndpoint = siloEndpoint;
        _gatewayList = gatewayList;
        _logger = logger;
    }

    /// <summary>This silo's silo-to-silo endpoint as advertised in the membership table (null before start).</summary>
    public string? AdvertisedSiloEndpoint { get; private set; }

    /// <summary>This silo's client gateway endpoint as advertised in the membership table (null before start).</summary>
    public string? AdvertisedGatewayEndpoint { get; private set; }

    /// <summary>Partitions this silo holds now.</summary>
    public int HeldPartitions => _ownership.Partitions.Count;

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ClusterSchema.EnsureAsync(_dataSource, _options.PartitionCount, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"Silo {_options.SiloId} cannot reach the cluster database ({Describe(_options.ConnectionString)}): {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var host = _options.AdvertisedHost ?? _options.SiloAddress;
        if (host is "0.0.0.0" or "::" or "[::]")
        {
            throw new InvalidOperationException($"Silo {_options.SiloId} binds to the wildcard address {host}; set ClusterOptions.AdvertisedHost (--advertise) to an address other silos can reach.");
        }

        var silo = _siloEndpoint.EndPoint ?? throw new InvalidOperationException("The silo-to-silo listener is not bound.");
        AdvertisedSiloEndpoint = $"{host}:{silo.Port}";
        AdvertisedGatewayEndpoint = _gateway.EndPoint is { } g ? $"{_options.AdvertisedHost ?? g.Address.ToString()}:{g.Port}" : AdvertisedSiloEndpoint;
        _placement.SelfEndpoint = AdvertisedSiloEndpoint;
        _keeper = new PartitionLeaseKeeper(_leases, _membership, _ownership, AdvertisedSiloEndpoint, AdvertisedGatewayEndpoint)
        {
            BeforeRelease = partitions => DeactivatePartitionsAsync(partitions, DeactivationReason.PartitionHandover),
        };
        _ownership.Lost += OnLost;
        await CycleAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
        _logger.LogInformation("Silo {SiloId} joined the cluster: silo endpoint {Silo}, gateway {Gateway}, {Held} partitions", _options.SiloId, AdvertisedSiloEndpoint, AdvertisedGatewayEndpoint, HeldPartitions);
    }

    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        if (_keeper is null)
        {
            return;
        }

        try
        {
            var held = HeldPartitions;
            await _keeper.LeaveAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Silo {SiloId} handed over {Held} partitions and left the cluster", _options.SiloId, held);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning(e, "Silo {SiloId} could not release its leases; they expire in {Lease}", _options.SiloId, _options.LeaseDuration);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.EffectiveRenewInterval, cancellationToken).ConfigureAwait(false);
            try
            {
                await CycleAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Lease cycle of silo {SiloId} failed: {Message}", _options.SiloId, e.Message);
                if (Environment.TickCount64 - Volatile.Read(ref _lastRenewStartMs) >= _options.LeaseDuration.TotalMilliseconds)
                {
                    // No renewal for a whole lease: assume every lease expired (the database fences our writes anyway).
                    _ownership.Apply([]);
                }
            }
        }
    }

    private async Task CycleAsync(CancellationToken cancellationToken)
    {
        var started = Environment.TickCount64;
        await _keeper!.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastRenewStartMs, started);
        _gatewayList.Update(_keeper.LiveMembers);
        await _placement.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    private void OnLost(IReadOnlyCollection<int> partitions)
    {
        _logger.LogWarning("Silo {SiloId} lost {Count} partition leases; deactivating their grains", _options.SiloId, partitions.Count);
        _ = DeactivatePartitionsAsync(partitions, DeactivationReason.PartitionLost);
    }

    private Task DeactivatePartitionsAsync(IReadOnlyCollection<int> partitions, DeactivationReason reason)
    {
        var set = partitions.ToHashSet();
        var map = _ownership.Map;
        return _runtime.DeactivateAsync(id => set.Contains(map.GetPartition(id)), reason);
    }

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}
