using Orleans.Placement;

namespace JobRec.Grains.Indexing.Placement;

/// <summary>Marks a grain class keyed by a shard number for <see cref="ShardSpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardSpreadPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public ShardSpreadPlacementAttribute()
        : base(ShardSpreadPlacement.Instance)
    {
    }
}
