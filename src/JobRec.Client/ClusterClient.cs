using JobRec.Actors;
using JobRec.Actors.Invocation;
using JobRec.Actors.Transport;

namespace JobRec.Client;

/// <summary>The client SDK: typed grain references whose calls go to a silo gateway over TCP; reconnects on the next call after a connection loss.</summary>
public sealed class ClusterClient : IGrainFactory, IGrainCallInvoker, IAsyncDisposable
{
    private readonly ClientOptions _options;
    private readonly IGrainCallSerializer _serializer;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private GatewayConnection? _connection;
    private int _nextGateway;
    private bool _disposed;

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
    }

    /// <summary>The gateway of the open connection, or null.</summary>
    public string? ConnectedGateway => _connection is { IsConnected: true } c ? c.Endpoint : null;

    /// <summary>Creates a client for one gateway and connects it; throws <see cref="GatewayUnavailableException"/> when none answers.</summary>
    public static async Task<ClusterClient> ConnectAsync(string gateway, Action<ClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new ClientOptions { Gateways = [gateway] };
        configure?.Invoke(options);
        var client = new ClusterClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>Connects to the first gateway that answers; throws <see cref="GatewayUnavailableException"/> naming every gateway tried when none does.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default) => await GetConnectionAsync(cancellationToken).ConfigureAwait(false);

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
        var connection = _connection;
        return connection is { IsConnected: true }
            ? connection.SendAsync(target, method, arguments, null, timeout)
            : ConnectAndSendAsync(target, method, arguments, timeout);
    }

    /// <summary>Closes the connection; calls in flight fail.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (Interlocked.Exchange(ref _connection, null) is { } c)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<object?> ConnectAndSendAsync(GrainReference target, GrainMethod method, object?[] arguments, TimeSpan timeout)
    {
        var connection = await GetConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        return await connection.SendAsync(target, method, arguments, null, timeout).ConfigureAwait(false);
    }

    private async Task<GatewayConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is { IsConnected: true } open)
        {
            return open;
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsConnected: true } raced)
            {
                return raced;
            }

            if (_connection is { } dead)
            {
                await dead.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }

            var errors = new List<string>();
            Exception? last = null;
            for (var attempt = 0; attempt < Math.Max(1, _options.ConnectAttempts); attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
                }

                for (var i = 0; i < _options.Gateways.Count; i++)
                {
                    var gateway = _options.Gateways[(_nextGateway + i) % _options.Gateways.Count];
                    try
                    {
                        _connection = await GatewayConnection.ConnectAsync(gateway, _options.ConnectTimeout, _serializer, _options.MaxFrameBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
                        _nextGateway = (_nextGateway + i) % _options.Gateways.Count;
                        return _connection;
                    }
                    catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException or IOException)
                    {
                        last = e;
                        errors.Add($"{gateway}: {e.Message}");
                    }
                }
            }

            throw new GatewayUnavailableException(
                $"No gateway answered after {Math.Max(1, _options.ConnectAttempts)} rounds over {string.Join(", ", _options.Gateways)}: {string.Join("; ", errors.Distinct())}.", last);
        }
        finally
        {
            _connectGate.Release();
        }
    }
}
