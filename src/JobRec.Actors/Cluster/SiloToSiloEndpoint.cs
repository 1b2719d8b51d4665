using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace JobRec.Actors.Cluster;

/// <summary>The address the silo-to-silo listener is bound to, known once the host has started (resolves port 0 to the real port).</summary>
public sealed class SiloToSiloEndpoint
{
    private ListenOptions? _listenOptions;

    /// <summary>The bound endpoint, or null before the host has started.</summary>
    public IPEndPoint? EndPoint => _listenOptions?.IPEndPoint is { Port: > 0 } ep ? ep : null;

    internal void Attach(ListenOptions listenOptions) => _listenOptions = listenOptions;
}
