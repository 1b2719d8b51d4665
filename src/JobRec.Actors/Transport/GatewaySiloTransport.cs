using System.Collections.Concurrent;
using JobRec.Actors.Hosting;
using JobRec.Actors.Invocation;
using JobRec.Actors.Runtime;
using Microsoft.Extensions.Options;

namespace JobRec.Actors.Transport;

/// <summary>Silo-to-silo forwarding over the other silo's gateway: one multiplexed connection per endpoint, requests flagged as forwarded so the receiver answers "moved" instead of forwarding again.</summary>
public sealed class GatewaySiloTransport : ISiloMessageTransport, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GatewayConnection>>> _connections = new(StringComparer.Ordinal);
    private readonly IGrainCallSerializer _serializer;
    private readonly SiloOptions _options;

    /// <summary>Creates the transport from the silo's serializer and options.</summary>
    public GatewaySiloTransport(IGrainCallSerializer serializer, IOptions<SiloOptions> options)
    {
        _serializer = serializer;
        _options = options.Value;
    }

    /// <inheritdoc />
    public async Task<object?> SendAsync(string siloEndpoint, GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan timeout)
    {
        var connection = await GetConnectionAsync(siloEndpoint).ConfigureAwait(false);
        return await connection.SendAsync(target, method, arguments, chain, timeout).ConfigureAwait(false);
    }

    /// <summary>Closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _connections.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        _connections.Clear();
    }

    private async Task<GatewayConnection> GetConnectionAsync(string endpoint)
    {
        while (true)
        {
            var lazy = _connections.GetOrAdd(endpoint, e => new Lazy<Task<GatewayConnection>>(() =>
                GatewayConnection.ConnectAsync(e, TimeSpan.FromSeconds(5), _serializer, _options.MaxFrameBytes, forwardedBySilo: true)));
            try
            {
                var connection = await lazy.Value.ConfigureAwait(false);
                if (connection.IsConnected)
                {
                    return connection;
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException or IOException)
            {
                _connections.TryRemove(new KeyValuePair<string, Lazy<Task<GatewayConnection>>>(endpoint, lazy));
                throw new SiloUnreachableException($"Silo {endpoint} did not accept a connection: {e.Message}");
            }

            _connections.TryRemove(new KeyValuePair<string, Lazy<Task<GatewayConnection>>>(endpoint, lazy));
        }
    }
}
