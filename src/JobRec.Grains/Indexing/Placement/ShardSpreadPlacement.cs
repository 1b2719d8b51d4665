using Orleans;
using Orleans.Runtime;

namespace JobRec.Grains.Indexing.Placement;

/// <summary>Placement of the index shards: shard <c>i</c> activates on the <c>i mod n</c>-th of the <c>n</c> compatible silos in address
/// order, so a cluster's shards spread evenly (8 shards on 3 silos: 3, 3, 2) whatever gateway the first caller used. Orleans' default
/// placement prefers the caller's silo, which left a silo with no shard after a bulk import.</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ShardSpreadPlacement : PlacementStrategy
{
    /// <summary>The one instance the attribute and the director share.</summary>
    public static ShardSpreadPlacement Instance { get; } = new();
}
