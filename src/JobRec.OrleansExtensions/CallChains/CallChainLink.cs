using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace JobRec.OrleansExtensions.CallChains;

/// <summary>One grain waiting in a call chain, innermost first: an immutable linked list carried in <see cref="RequestContext"/> under
/// <see cref="CallChainFilter.ContextKey"/>. <see cref="ReadOnly"/> says the grain was entered by a [ReadOnly] call (another read-only call
/// would interleave with it instead of waiting).</summary>
[GenerateSerializer, Immutable, Alias("jobrec.CallChainLink")]
public sealed class CallChainLink
{
    /// <summary>Creates the link of <paramref name="grain"/> below (called by) <paramref name="parent"/>.</summary>
    public CallChainLink(GrainId grain, bool readOnly, CallChainLink? parent)
    {
        Grain = grain;
        ReadOnly = readOnly;
        Parent = parent;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    /// <summary>The waiting grain.</summary>
    [Id(0)]
    public GrainId Grain { get; }

    /// <summary>Whether the grain's waiting turn is a [ReadOnly] call.</summary>
    [Id(1)]
    public bool ReadOnly { get; }

    /// <summary>The link of the grain that called this one; null at the chain's root.</summary>
    [Id(2)]
    public CallChainLink? Parent { get; }

    /// <summary>Links up to the root, this one included.</summary>
    [Id(3)]
    public int Depth { get; }

    /// <summary>The link of <paramref name="grain"/> in this chain, or null.</summary>
    public CallChainLink? Find(GrainId grain)
    {
        for (var link = this; link is not null; link = link.Parent)
        {
            if (link.Grain.Equals(grain))
            {
                return link;
            }
        }

        return null;
    }

    /// <summary>The chain root first: <c>a -> b -> c</c>.</summary>
    public override string ToString()
    {
        var ids = new List<string>(Depth);
        for (var link = this; link is not null; link = link.Parent)
        {
            ids.Add(link.Grain.ToString());
        }

        ids.Reverse();
        return string.Join(" -> ", ids);
    }
}
