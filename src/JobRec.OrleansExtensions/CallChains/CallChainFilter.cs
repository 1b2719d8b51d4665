using System.Collections.Concurrent;
using System.Reflection;
using Orleans;
using Orleans.Concurrency;
using Orleans.Metadata;
using Orleans.Runtime;

namespace JobRec.OrleansExtensions.CallChains;

/// <summary>Call-chain deadlock detection, which Orleans lacks (a cycle a -> b -> a through a non-reentrant grain otherwise waits for the
/// call's timeout): an outgoing grain call filter that carries the grains waiting on a call in <see cref="RequestContext"/> and throws
/// <see cref="CallChainDeadlockException"/> before sending a call to a non-reentrant grain already waiting in the chain.
/// <para>Only grains that process one request at a time join the chain: not [Reentrant], [StatelessWorker] or [MayInterleave] grains.
/// Calls to [AlwaysInterleave] or [OneWay] methods, and calls under <see cref="RequestContext.AllowCallChainReentrancy"/>, are not
/// checked. A [ReadOnly] call into a grain that was entered by a [ReadOnly] call interleaves and passes; the first grain of a chain (called
/// by a client) is assumed to run a read-only turn, so only a write back into it is caught. A call a grain makes without awaiting it in the
/// same turn still carries the chain; such code should <see cref="RequestContext.Remove"/> <see cref="ContextKey"/> first.</para></summary>
public sealed class CallChainFilter : IOutgoingGrainCallFilter
{
    /// <summary>The <see cref="RequestContext"/> key of the chain (a <see cref="CallChainLink"/>, innermost grain first).</summary>
    public const string ContextKey = "jobrec.chain";

    // The placement-strategy property of [StatelessWorker] grains (the type's name; the type is internal to Orleans).
    private const string StatelessWorkerPlacementName = "StatelessWorkerPlacement";

    private readonly GrainPropertiesResolver _properties;
    private readonly ConcurrentDictionary<GrainType, bool> _oneAtATime = new();
    private readonly ConcurrentDictionary<MethodInfo, CallKind> _methods = new();

    /// <summary>Created by the runtime (<see cref="CallChainSiloBuilderExtensions.AddJobRecCallChainDetection"/>, opt-in).</summary>
    public CallChainFilter(GrainPropertiesResolver properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        _properties = properties;
    }

    private enum CallKind
    {
        Exclusive,
        ReadOnly,
        Unchecked,
    }

    /// <inheritdoc />
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = context.InterfaceMethod is { } method ? _methods.GetOrAdd(method, Classify) : CallKind.Exclusive;
        if (kind == CallKind.Unchecked || RequestContext.ReentrancyId != Guid.Empty)
        {
            return context.Invoke(); // the chain, if any, travels on unchanged
        }

        var chain = RequestContext.Get(ContextKey) as CallChainLink;
        var changed = false;
        // The caller waits on this call: a grain called from outside a chain (by a client, a timer) joins as its root. A grain that
        // interleaves anyway (stateless worker, reentrant) does not join, but the chain it was called in travels through it.
        if (context.SourceId is { } source && (chain is null || !chain.Grain.Equals(source)) && OneAtATime(source.Type))
        {
            chain = new CallChainLink(source, readOnly: true, chain);
            changed = true;
        }

        var target = context.TargetId;
        if (chain is not null && OneAtATime(target.Type))
        {
            if (chain.Find(target) is { } waiting && !(waiting.ReadOnly && kind == CallKind.ReadOnly))
            {
                throw new CallChainDeadlockException(
                    $"call-chain deadlock: {chain} -> {target} ({context.InterfaceName}.{context.MethodName}): {target} is already waiting in this chain and handles one request at a time");
            }

            chain = new CallChainLink(target, kind == CallKind.ReadOnly, chain);
            changed = true;
        }

        return changed ? WithChainAsync(context, chain!) : context.Invoke();
    }

    private static async Task WithChainAsync(IOutgoingGrainCallContext context, CallChainLink chain)
    {
        // Inside an async method: the caller's request context is restored when it returns.
        RequestContext.Set(ContextKey, chain);
        await context.Invoke().ConfigureAwait(false);
    }

    private bool OneAtATime(GrainType type) => _oneAtATime.GetOrAdd(type, t =>
    {
        if (!_properties.TryGetGrainProperties(t, out var properties))
        {
            return false; // system targets, clients and unknown types are never waited on by this filter
        }

        var p = properties.Properties;
        return !(p.TryGetValue(WellKnownGrainTypeProperties.Reentrant, out var reentrant) && bool.TryParse(reentrant, out var r) && r)
            && !p.ContainsKey(WellKnownGrainTypeProperties.MayInterleavePredicate)
            && !(p.TryGetValue(WellKnownGrainTypeProperties.PlacementStrategy, out var placement) && placement == StatelessWorkerPlacementName);
    });

    private static CallKind Classify(MethodInfo method) =>
        method.IsDefined(typeof(AlwaysInterleaveAttribute), true) || method.IsDefined(typeof(OneWayAttribute), true) ? CallKind.Unchecked
        : method.IsDefined(typeof(ReadOnlyAttribute), true) ? CallKind.ReadOnly
        : CallKind.Exclusive;
}
