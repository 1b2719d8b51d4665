using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace JobRec.Actors.Transport;

/// <summary>The address the silo's gateway is bound to, known once the host has started (resolves port 0 to the real port).</summary>
public sealed class SiloGatewayEndpoint
{
    private ListenOptions? _listenOptions;

    /// <summary>The bound endpoint, or null when no gateway is configured or the host has not started.</summary>
    public IPEndPoint? EndPoint => _listenOptions?.IPEndPoint is { Port: > 0 } ep ? ep : null;

    /// <summary>The bound endpoint as "host:port" for clients; throws when the gateway is not listening.</summary>
    public string Address => EndPoint is { } ep ? $"{ep.Address}:{ep.Port}" : throw new InvalidOperationException("The silo gateway is not listening (disabled, or the host has not started).");

    internal void Attach(ListenOptions listenOptions) => _listenOptions = listenOptions;
}
