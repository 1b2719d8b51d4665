using JobRec.Actors.Hosting;
using JobRec.Actors.Invocation;
using JobRec.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobRec.Actors.Runtime;

/// <summary>The silo's grain runtime: resolves grain classes, detects call-chain cycles, places calls, applies timeouts and runs activations.</summary>
public sealed class GrainRuntime : IGrainCallInvoker, IAsyncDisposable
{
    private readonly Catalog _catalog;
    private readonly IGrainPlacement _placement;
    private readonly ResponseTimeoutWheel _timeouts;
    private readonly Timer _collector;
    private long _callsDispatched;
    private int _stopped;

    /// <summary>Creates the runtime from the silo's services.</summary>
    public GrainRuntime(GrainTypeRegistry registry, IServiceProvider services, IOptions<SiloOptions> options, IGrainPlacement placement, IFencingTokenSource fencing, ILogger<GrainRuntime> logger)
    {
        Registry = registry;
        Services = services;
        Options = options.Value;
        _placement = placement;
        Logger = logger;
        Activator = new GrainActivator(services, fencing, GrainJson.Options);
        GrainFactory = new LocalGrainFactory(this);
        _catalog = new Catalog(this);
        _timeouts = new ResponseTimeoutWheel(TimeSpan.FromMilliseconds(Math.Clamp(Options.ResponseTimeout.TotalMilliseconds / 20, 10, 100)));
        _collector = new Timer(_ => CollectIdleActivations(Options.CollectionAge), null, Options.CollectionInterval, Options.CollectionInterval);
    }

    /// <summary>The factory for grain references that call into this silo.</summary>
    public IGrainFactory GrainFactory { get; }

    /// <summary>The registered grain classes.</summary>
    public GrainTypeRegistry Registry { get; }

    /// <summary>The silo's service provider.</summary>
    public IServiceProvider Services { get; }

    internal SiloOptions Options { get; }

    internal ILogger Logger { get; }

    internal GrainActivator Activator { get; }

    /// <inheritdoc />
    public Task<object?> InvokeAsync(GrainReference target, GrainMethod method, object?[] arguments) =>
        InvokeAsync(target, method, arguments, CallContext.Current, null, forwarded: false);

    /// <summary>Calls a grain on behalf of a remote caller whose call chain and timeout came with the request; a <paramref name="forwarded"/> call for a grain this silo does not host fails with <see cref="GrainMovedException"/> instead of being forwarded again.</summary>
    public Task<object?> InvokeAsync(GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan? timeout, bool forwarded)
    {
        if (target.Route is not LocalRoute route || route.Runtime != this)
        {
            GrainClassInfo resolved;
            try
            {
                resolved = Registry.Resolve(target.Interface);
                if (string.IsNullOrEmpty(target.Key))
                {
                    throw new ArgumentException($"Grain key for {target.Interface.Name} must be a non-empty string.");
                }
            }
            catch (Exception e) when (e is UnknownGrainInterfaceException or ArgumentException)
            {
                return Task.FromException<object?>(e);
            }

            route = new LocalRoute(this, resolved, new GrainId(resolved.GrainType, target.Key));
            target.Route = route;
        }

        if (arguments.Length != method.ParameterTypes.Length)
        {
            return Task.FromException<object?>(new ArgumentException($"{method} takes {method.ParameterTypes.Length} arguments but the call carries {arguments.Length}."));
        }

        var grainClass = route.GrainClass;
        var grainId = route.GrainId;
        if (!grainClass.IsStatelessWorker && chain is not null && chain.Contains(grainId))
        {
            return Task.FromException<object?>(new DeadlockException(
                $"Deadlock: call {method} to grain {grainId} would wait on that grain, which is already waiting in the call chain {chain} -> {grainId}. Non-reentrant grains cannot be called back while they wait."));
        }

        var wait = timeout ?? method.Timeout ?? Options.ResponseTimeout;
        var location = _placement.Locate(grainId);
        if (!location.IsLocal)
        {
            return forwarded
                ? Task.FromException<object?>(new GrainMovedException($"This silo does not host grain {grainId}; it is placed on {location.SiloEndpoint}."))
                : ForwardAsync(grainId, location, target, method, arguments, chain, wait);
        }

        if (Volatile.Read(ref _stopped) != 0)
        {
            return Task.FromException<object?>(new InvalidOperationException($"The silo is shutting down; call {method} to {grainId} was refused."));
        }

        var request = new GrainRequest(grainId, method, arguments, chain, wait);
        _timeouts.Register(request);
        Interlocked.Increment(ref _callsDispatched);
        _catalog.Dispatch(route, request);
        return request.Task;
    }

    /// <summary>Returns activations and queued messages per grain type.</summary>
    public RuntimeStatistics GetStatistics()
    {
        var perType = new Dictionary<string, (int Activations, int Queued)>();
        foreach (var target in _catalog.Targets)
        {
            target.AddTo(perType);
        }

        var list = perType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new GrainTypeStatistics(p.Key, p.Value.Activations, p.Value.Queued)).ToList();
        return new RuntimeStatistics(list, list.Sum(s => s.Activations), list.Sum(s => s.QueuedMessages), Interlocked.Read(ref _callsDispatched));
    }

    /// <summary>Deactivates every activation idle for at least <paramref name="age"/>; returns how many were asked to deactivate.</summary>
    public int CollectIdleActivations(TimeSpan age)
    {
        var now = Environment.TickCount64;
        var count = 0;
        foreach (var activation in _catalog.AllActivations())
        {
            if (activation.IsIdle && now - activation.LastActivityMs >= age.TotalMilliseconds)
            {
                activation.RequestDeactivation(DeactivationReason.IdleCollection);
                count++;
            }
        }

        return count;
    }

    /// <summary>Refuses new calls, deactivates every activation (persisting what OnDeactivateAsync writes) and waits for them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _collector.DisposeAsync().ConfigureAwait(false);
        var all = _catalog.AllActivations().ToList();
        foreach (var activation in all)
        {
            activation.RequestDeactivation(DeactivationReason.ShuttingDown);
        }

        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(Options.DeactivationTimeout + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        _timeouts.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            Logger.LogWarning(e, "Some activations did not deactivate in time");
        }
    }

    private async Task<object?> ForwardAsync(GrainId grainId, GrainLocation location, GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan timeout)
    {
        var transport = Services.GetService<ISiloMessageTransport>() ?? throw new InvalidOperationException(
            $"Grain {grainId} is placed on silo {location.SiloEndpoint} but no ISiloMessageTransport is registered.");
        try
        {
            return await transport.SendAsync(location.SiloEndpoint!, target, method, arguments, chain, timeout).ConfigureAwait(false);
        }
        catch (GrainMovedException)
        {
            // Ownership changed under us: refresh it and try once more wherever the grain lives now.
            _placement.OnMoved(grainId);
            return await InvokeAsync(target, method, arguments, chain, timeout, forwarded: false).ConfigureAwait(false);
        }
    }

    internal void Redispatch(GrainRequest request)
    {
        if (request.Task.IsCompleted)
        {
            return;
        }

        if (Volatile.Read(ref _stopped) != 0)
        {
            request.TrySetException(new InvalidOperationException($"The silo shut down before call {request.Method} to {request.Target} ran."));
            return;
        }

        var grainClass = Registry.FindByGrainType(request.Target.Type)!;
        _catalog.Dispatch(grainClass, request);
    }
}
