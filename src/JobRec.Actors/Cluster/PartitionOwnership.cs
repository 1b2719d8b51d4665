using System.Collections.Concurrent;
using JobRec.Actors.Storage;

namespace JobRec.Actors.Cluster;

/// <summary>The partitions this silo holds now with their epochs; the fencing-token source for grain-state writes (epoch 0, which no lease ever has, when the partition is not held).</summary>
public sealed class PartitionOwnership : IFencingTokenSource
{
    private readonly ConcurrentDictionary<int, long> _epochs = new();

    /// <summary>Creates an empty ownership view over <paramref name="map"/>.</summary>
    public PartitionOwnership(PartitionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Map = map;
    }

    /// <summary>The partition map grain ids are hashed with.</summary>
    public PartitionMap Map { get; }

    /// <summary>Raised with the partitions this silo lost (expired or released); their grains must be deactivated at once.</summary>
    public event Action<IReadOnlyCollection<int>>? Lost;

    /// <summary>Partitions held now.</summary>
    public IReadOnlyCollection<int> Partitions => _epochs.Keys.ToArray();

    /// <inheritdoc />
    public long GetEpoch(GrainId grainId) => _epochs.TryGetValue(Map.GetPartition(grainId), out var e) ? e : 0;

    /// <summary>True when this silo holds the partition of <paramref name="grainId"/>.</summary>
    public bool Owns(GrainId grainId) => _epochs.ContainsKey(Map.GetPartition(grainId));

    /// <summary>Replaces the held set with <paramref name="leases"/> and raises <see cref="Lost"/> for partitions no longer held or held under a newer epoch.</summary>
    public void Apply(IEnumerable<PartitionLease> leases)
    {
        var next = leases.ToDictionary(l => l.Partition, l => l.Epoch);
        var lost = _epochs.Where(kv => !next.TryGetValue(kv.Key, out var e) || e != kv.Value).Select(kv => kv.Key).ToArray();
        foreach (var p in lost)
        {
            _epochs.TryRemove(p, out _);
        }

        if (lost.Length > 0)
        {
            Lost?.Invoke(lost);
        }

        foreach (var (p, e) in next)
        {
            _epochs[p] = e;
        }
    }
}
