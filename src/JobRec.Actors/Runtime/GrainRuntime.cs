using JobRec.Actors.Hosting;
using JobRec.Actors.Invocation;
using JobRec.Actors.Storage;
using JobRec.Actors.Transport;
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
    private ISiloMessageTransport? _transport;
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
        if (!grainClass.IsStatelessWorker && !IsLocal(grainId, out var location))
        {
            return forwarded
                ? Task.FromException<object?>(new GrainMovedException(location.SiloEndpoint is { } owner
                    ? $"This silo does not host grain {grainId}; it is placed on {owner}."
                    : $"This silo does not host grain {grainId}; its partition is being handed over."))
                : RouteAsync(route, target, method, arguments, chain, wait);
        }

        return DispatchLocal(route, target, method, arguments, chain, wait, forwarded);
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

    private Task<object?> DispatchLocal(LocalRoute route, GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan wait, bool forwarded)
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            return Task.FromException<object?>(new InvalidOperationException($"The silo is shutting down; call {method} to {route.GrainId} was refused."));
        }

        var request = new GrainRequest(route.GrainId, method, arguments, chain, wait, target, forwarded);
        request.Registration = _timeouts.Register(request);
        Interlocked.Increment(ref _callsDispatched);
        _catalog.Dispatch(route, request);
        return request.Task;
    }

    /// <summary>True when placement puts the grain on this silo; otherwise <paramref name="location"/> is the owner, or has no endpoint while the partition has no live owner.</summary>
    private bool IsLocal(GrainId grainId, out GrainLocation location)
    {
        try
        {
            location = _placement.Locate(grainId);
        }
        catch (PartitionUnavailableException)
        {
            location = new GrainLocation(false, null);
        }

        return location.IsLocal;
    }

    /// <summary>Sends a call to the grain's owner silo; "moved", "unavailable" and refused connections (none of which ran the call) refresh placement and retry with backoff until the call's timeout runs out.</summary>
    private async Task<object?> RouteAsync(LocalRoute route, GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan timeout)
    {
        var grainId = route.GrainId;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var delayMs = 20;
        var slackMs = Math.Clamp((long)timeout.TotalMilliseconds / 10, 10, 1000); // answer before the caller's own timeout fires
        Exception? last = null;
        for (var attempt = 0; ; attempt++)
        {
            var remaining = TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64));
            GrainLocation location;
            try
            {
                location = _placement.Locate(grainId);
            }
            catch (PartitionUnavailableException e)
            {
                last = e;
                location = default;
                _placement.OnMoved(grainId); // learn the new owner as soon as one has claimed the partition
            }

            if (location.IsLocal)
            {
                return await DispatchLocal(route, target, method, arguments, chain, remaining, forwarded: false).ConfigureAwait(false);
            }

            if (location.SiloEndpoint is { } endpoint)
            {
                var transport = _transport ??= Services.GetService<ISiloMessageTransport>() ?? throw new InvalidOperationException(
                    $"Grain {grainId} is placed on silo {endpoint} but no ISiloMessageTransport is registered.");
                try
                {
                    return await transport.SendAsync(endpoint, target, method, arguments, chain, remaining).ConfigureAwait(false);
                }
                catch (Exception e) when (e is GrainMovedException or SiloUnreachableException)
                {
                    // The call did not run there: ownership changed or the owner died. Refresh and try again.
                    last = e;
                    _placement.OnMoved(grainId);
                }
            }

            if (Volatile.Read(ref _stopped) != 0 || deadline - Environment.TickCount64 <= delayMs + slackMs)
            {
                throw new PartitionUnavailableException(
                    $"No silo took call {method} to grain {grainId} within {timeout.TotalMilliseconds:0} ms (its partition is moving between silos); the call did not run. Last answer: {last?.Message ?? "none"}");
            }

            if (attempt > 0)
            {
                await Task.Delay(delayMs).ConfigureAwait(false); // the first retry right after a refresh; then back off
                delayMs = Math.Min(delayMs * 2, 500);
            }
        }
    }

    /// <summary>Deactivates every activation (not stateless workers) whose grain id matches <paramref name="predicate"/> and waits until they are gone (their OnDeactivateAsync has persisted what it writes).</summary>
    public async Task DeactivateAsync(Func<GrainId, bool> predicate, DeactivationReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var chosen = _catalog.AllActivations().Where(a => !a.GrainClass.IsStatelessWorker && predicate(a.GrainId)).ToList();
        foreach (var activation in chosen)
        {
            activation.RequestDeactivation(reason);
        }

        try
        {
            await Task.WhenAll(chosen.Select(a => a.Deactivated)).WaitAsync(Options.DeactivationTimeout + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            Logger.LogWarning(e, "Some of {Count} activations did not deactivate in time ({Reason})", chosen.Count, reason);
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
        if (!grainClass.IsStatelessWorker && request.Reference is { } reference && !IsLocal(request.Target, out _))
        {
            // The grain's partition moved while this call waited for the old activation: send it to the new owner.
            if (request.Forwarded)
            {
                request.TrySetException(new GrainMovedException($"This silo no longer hosts grain {request.Target}."));
                return;
            }

            var route = new LocalRoute(this, grainClass, request.Target);
            var remaining = TimeSpan.FromMilliseconds(Math.Max(1, request.DeadlineMs - Environment.TickCount64));
            RouteAsync(route, reference, request.Method, request.Arguments, request.Chain, remaining).ContinueWith(
                static (t, state) =>
                {
                    var r = (GrainRequest)state!;
                    if (t.IsCompletedSuccessfully)
                    {
                        r.TrySetResult(t.Result);
                    }
                    else
                    {
                        r.TrySetException(t.Exception?.InnerException ?? new TaskCanceledException());
                    }
                },
                request,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return;
        }

        _catalog.Dispatch(grainClass, request);
    }
}
