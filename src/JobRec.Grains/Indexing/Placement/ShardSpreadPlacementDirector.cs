using System.Globalization;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace JobRec.Grains.Indexing.Placement;

/// <summary>Places a grain whose string key is a shard number <c>i</c> on the <c>i mod n</c>-th compatible silo in address order (a key that
/// is not a number falls back to its uniform hash). Deterministic for a given set of silos: every silo places a shard on the same one.</summary>
public sealed class ShardSpreadPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target).Order().ToArray();
        return Task.FromResult(silos[SiloIndex(target.GrainIdentity, silos.Length)]);
    }

    /// <summary>The index among <paramref name="siloCount"/> silos in address order where <paramref name="grain"/> goes.</summary>
    public static int SiloIndex(GrainId grain, int siloCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(siloCount, 1);
        var key = grain.Key.ToString();
        var slot = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
            ? shard
            : (int)(grain.GetUniformHashCode() & 0x7fffffff);
        return slot % siloCount;
    }
}
