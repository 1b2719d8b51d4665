using JobRec.Actors;
using JobRec.Actors.Cluster;
using JobRec.Actors.Invocation;
using JobRec.Actors.Runtime;
using JobRec.Actors.Transport;

namespace JobRec.Client;

/// <summary>The client SDK: typed grain references whose calls go to a silo gateway over TCP. It learns the cluster's other gateways from the one it reached,
/// fails over to another gateway after a connection loss, retries calls that certainly did not run ("moved", partition unavailable, silo unreachable),
/// and bounds every call, reconnects included, by its timeout.</summary>
/// <remarks>A call in flight when its connection breaks fails with <see cref="ConnectionLostException"/> (it may or may not have run; retry only idempotent calls).</remarks>
public sealed class ClusterClient : IGrainFactory, IGrainCallInvoker, IAsyncDisposable
{
    private const int MaxLearnedGateways = 1000;
    private const int MinAttemptMs = 50; // a retry with less time left than this could only time out
    private readonly ClientOptions _options;
    private readonly IGrainCallSerializer _serializer;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly string[] _configured;
    private string[] _gateways;
    private GatewayConnection? _connection;
    private Timer? _refreshTimer;
    private int _nextGateway;
    private volatile bool _disposed;

    /// <summary>Creates a client; it connects on ConnectAsync or on the first call.</summary>
    public ClusterClient(ClientOptions options, IGrainCallSerializer? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Gateways.Count == 0)
        {
            throw new ArgumentException("ClientOptions.Gateways must list at least one host:port.", nameof(options));
        }

        foreach (var g in options.Gateways)
        {
            GatewayConnection.ParseEndpoint(g);
        }

        _options = options;
        _serializer = serializer ?? new JsonGrainCallSerializer();
        _configured = options.Gateways.Distinct(StringComparer.Ordinal).ToArray();
        _gateways = _configured;
    }

    /// <summary>The gateway of the open connection, or null.</summary>
    public string? ConnectedGateway => _connection is { IsConnected: true } c ? c.Endpoint : null;

    /// <summary>The gateways this client may connect to: the configured ones plus those learned from the cluster.</summary>
    public IReadOnlyList<string> KnownGateways => Volatile.Read(ref _gateways);

    /// <summary>Creates a client for one gateway, or a comma-separated list such as $JOBREC_GATEWAYS (it learns the others when <see cref="ClientOptions.LearnGateways"/> is on), and connects it; throws <see cref="GatewayUnavailableException"/> when none answers.</summary>
    public static Task<ClusterClient> ConnectAsync(string gateway, Action<ClientOptions>? configure = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(gateway.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), configure, cancellationToken);

    /// <summary>Creates a client for a list of gateways and connects it to the first that answers; throws <see cref="GatewayUnavailableException"/> when none does.</summary>
    public static async Task<ClusterClient> ConnectAsync(IReadOnlyList<string> gateways, Action<ClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new ClientOptions { Gateways = gateways.ToList() };
        configure?.Invoke(options);
        var client = new ClusterClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>Connects to the first gateway that answers; throws <see cref="GatewayUnavailableException"/> naming every gateway tried when none does.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default) =>
        await GetConnectionAsync(_options.ConnectTimeout * Math.Max(1, _options.ConnectAttempts) * Math.Max(1, KnownGateways.Count) + _options.RetryDelay * _options.ConnectAttempts, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the live gateways from the connected gateway now and merges them into <see cref="KnownGateways"/>; false when not connected or the silo could not answer.</summary>
    public async Task<bool> RefreshGatewaysAsync()
    {
        if (_connection is not { IsConnected: true } connection || _disposed)
        {
            return false;
        }

        try
        {
            var list = await GetGrain<IGatewayListGrain>("0").GetGatewaysAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var learned = list.Where(IsEndpoint).Take(MaxLearnedGateways);
            Volatile.Write(ref _gateways, _configured.Concat(learned).Append(connection.Endpoint).Distinct(StringComparer.Ordinal).ToArray());
            return true;
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            return false; // an older silo without the gateway list, or a transient failure: keep the list we have
        }
    }

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"Grain key for {typeof(TGrainInterface).FullName} must be a non-empty string.", nameof(key));
        }

        return GrainProxy.Create<TGrainInterface>(new GrainReference(GrainInterfaceInfo.Get(typeof(TGrainInterface)), key), this);
    }

    /// <inheritdoc />
    public Task<object?> InvokeAsync(GrainReference target, GrainMethod method, object?[] arguments)
    {
        var timeout = method.Timeout ?? _options.ResponseTimeout;
        var started = Environment.TickCount64;
        if (_connection is { IsConnected: true } connection)
        {
            var first = connection.SendAsync(target, method, arguments, null, timeout);
            return first.IsCompletedSuccessfully ? first : CompleteAsync(first, connection, started, target, method, arguments, timeout);
        }

        return CallAsync(null, started, target, method, arguments, timeout);
    }

    /// <summary>Closes the connection; calls in flight fail.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (Interlocked.Exchange(ref _refreshTimer, null) is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _connection, null) is { } c)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsEndpoint(string endpoint)
    {
        try
        {
            GatewayConnection.ParseEndpoint(endpoint);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Errors that prove the call did not run, so it may be sent again.</summary>
    private static bool DidNotRun(Exception e) => e is GrainMovedException or PartitionUnavailableException or SiloUnreachableException;

    private static void DropIfUnresponsive(GatewayConnection connection, long callStartedMs, TimeSpan timeout)
    {
        if (connection.IsConnected && connection.LastReceiveMs <= callStartedMs)
        {
            connection.Abort($"nothing arrived for {timeout.TotalMilliseconds:0} ms while a call waited (gateway paused or partitioned); failing over");
        }
    }

    private async Task<object?> CompleteAsync(Task<object?> first, GatewayConnection connection, long started, GrainReference target, GrainMethod method, object?[] arguments, TimeSpan timeout)
    {
        try
        {
            return await first.ConfigureAwait(false);
        }
        catch (Exception e) when (DidNotRun(e))
        {
            return await CallAsync(e, started, target, method, arguments, timeout).ConfigureAwait(false);
        }
        catch (GrainCallTimeoutException)
        {
            DropIfUnresponsive(connection, started, timeout);
            throw;
        }
    }

    private async Task<object?> CallAsync(Exception? last, long started, GrainReference target, GrainMethod method, object?[] arguments, TimeSpan timeout)
    {
        var deadline = started + (long)timeout.TotalMilliseconds;
        var delayMs = 20;
        while (true)
        {
            if (last is not null)
            {
                if (deadline - Environment.TickCount64 <= delayMs)
                {
                    throw new PartitionUnavailableException($"Call {method} on grain {target} did not run within {timeout.TotalMilliseconds:0} ms: {last.Message}");
                }

                await Task.Delay(delayMs).ConfigureAwait(false);
                delayMs = Math.Min(delayMs * 2, 500);
                if (deadline - Environment.TickCount64 < MinAttemptMs)
                {
                    throw new PartitionUnavailableException($"Call {method} on grain {target} did not run within {timeout.TotalMilliseconds:0} ms: {last.Message}");
                }
            }

            var remaining = TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64));
            var connection = await GetConnectionAsync(remaining, CancellationToken.None).ConfigureAwait(false);
            var sent = Environment.TickCount64;
            remaining = TimeSpan.FromMilliseconds(Math.Max(1, deadline - sent));
            try
            {
                return await connection.SendAsync(target, method, arguments, null, remaining).ConfigureAwait(false);
            }
            catch (Exception e) when (DidNotRun(e))
            {
                last = e;
            }
            catch (GrainCallTimeoutException)
            {
                DropIfUnresponsive(connection, sent, remaining);
                throw;
            }
        }
    }

    private async Task<GatewayConnection> GetConnectionAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is { IsConnected: true } open)
        {
            return open;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(within);
        var errors = new List<string>();
        Exception? last = null;
        var gateways = KnownGateways;
        try
        {
            await _connectGate.WaitAsync(bound.Token).ConfigureAwait(false);
            try
            {
                if (_connection is { IsConnected: true } raced)
                {
                    return raced;
                }

                gateways = KnownGateways;
                if (_connection is { } dead)
                {
                    // Fail over: start with the gateway after the one that died.
                    var index = Array.IndexOf(gateways.ToArray(), dead.Endpoint);
                    _nextGateway = index >= 0 ? index + 1 : _nextGateway;
                    _connection = null;
                    _ = dead.DisposeAsync().AsTask();
                }

                for (var attempt = 0; attempt < Math.Max(1, _options.ConnectAttempts); attempt++)
                {
                    if (attempt > 0)
                    {
                        await Task.Delay(_options.RetryDelay, bound.Token).ConfigureAwait(false);
                    }

                    for (var i = 0; i < gateways.Count; i++)
                    {
                        var index = (_nextGateway + i) % gateways.Count;
                        var gateway = gateways[index];
                        try
                        {
                            var connection = await GatewayConnection.ConnectAsync(gateway, _options.ConnectTimeout, _serializer, _options.MaxFrameBytes, cancellationToken: bound.Token).ConfigureAwait(false);
                            _nextGateway = index;
                            _connection = connection;
                            OnConnected();
                            return connection;
                        }
                        catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException or IOException)
                        {
                            last = e;
                            errors.Add($"{gateway}: {e.Message}");
                        }
                    }
                }
            }
            finally
            {
                _connectGate.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayUnavailableException(
                $"No gateway connected within {within.TotalMilliseconds:0} ms over {string.Join(", ", gateways)}{(errors.Count > 0 ? ": " + string.Join("; ", errors.Distinct()) : string.Empty)}.", last);
        }

        throw new GatewayUnavailableException(
            $"No gateway answered after {Math.Max(1, _options.ConnectAttempts)} rounds over {string.Join(", ", gateways)}: {string.Join("; ", errors.Distinct())}.", last);
    }

    private void OnConnected()
    {
        if (!_options.LearnGateways)
        {
            return;
        }

        _ = Task.Run(RefreshGatewaysAsync);
        if (_refreshTimer is null && _options.GatewayListRefreshInterval > TimeSpan.Zero)
        {
            _refreshTimer = new Timer(_ => _ = RefreshGatewaysAsync(), null, _options.GatewayListRefreshInterval, _options.GatewayListRefreshInterval);
        }
    }
}
