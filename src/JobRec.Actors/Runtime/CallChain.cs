using System.Text;

namespace JobRec.Actors.Runtime;

/// <summary>The non-reentrant grains waiting, innermost last, on the call being made; an immutable linked list.</summary>
public sealed class CallChain
{
    /// <summary>Creates a chain link for <paramref name="grainId"/> waiting below <paramref name="parent"/>.</summary>
    public CallChain(GrainId grainId, CallChain? parent)
    {
        GrainId = grainId;
        Parent = parent;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    /// <summary>The grain at this link.</summary>
    public GrainId GrainId { get; }

    /// <summary>The link of the grain that called this one, or null at the chain's root.</summary>
    public CallChain? Parent { get; }

    /// <summary>Number of links up to the root.</summary>
    public int Depth { get; }

    /// <summary>Returns whether <paramref name="grainId"/> is waiting anywhere in the chain.</summary>
    public bool Contains(GrainId grainId)
    {
        for (var c = this; c is not null; c = c.Parent)
        {
            if (c.GrainId == grainId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the grains root-first.</summary>
    public IReadOnlyList<GrainId> ToList()
    {
        var list = new List<GrainId>(Depth);
        for (var c = this; c is not null; c = c.Parent)
        {
            list.Add(c.GrainId);
        }

        list.Reverse();
        return list;
    }

    /// <summary>Builds a chain from grains listed root-first (null for an empty list).</summary>
    public static CallChain? FromList(IEnumerable<GrainId> rootFirst)
    {
        CallChain? chain = null;
        foreach (var id in rootFirst)
        {
            chain = new CallChain(id, chain);
        }

        return chain;
    }

    /// <summary>Returns <c>a -> b -> c</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var id in ToList())
        {
            sb.Append(sb.Length == 0 ? string.Empty : " -> ").Append(id);
        }

        return sb.ToString();
    }
}
