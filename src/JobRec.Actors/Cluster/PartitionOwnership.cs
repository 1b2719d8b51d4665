using System.Collections.Concurrent;
using JobRec.Actors.Storage;

namespace JobRec.Actors.Cluster;

/// <summary>The partitions this silo holds now with their epochs; the fencing-token source for grain-state writes (epoch 0, which no lease ever has, when the partition is not held).</summary>
/// <remarks>A partition being handed over is "draining": new calls no longer run here (<see cref="Owns"/> is false) but its grains may still persist under its epoch until the lease is released.</remarks>
public sealed class PartitionOwnership : IFencingTokenSource
{
    private readonly ConcurrentDictionary<int, long> _epochs = new();
    private readonly ConcurrentDictionary<int, long> _draining = new();

    /// <summary>Creates an empty ownership view over <paramref name="map"/>.</summary>
    public PartitionOwnership(PartitionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Map = map;
    }

    /// <summary>The partition map grain ids are hashed with.</summary>
    public PartitionMap Map { get; }

    /// <summary>Raised with the partitions this silo lost (expired or taken over); their grains must be deactivated at once.</summary>
    public event Action<IReadOnlyCollection<int>>? Lost;

    /// <summary>Partitions held now (not counting those draining).</summary>
    public IReadOnlyCollection<int> Partitions => _epochs.Keys.ToArray();

    /// <inheritdoc />
    public long GetEpoch(GrainId grainId)
    {
        var p = Map.GetPartition(grainId);
        return _epochs.TryGetValue(p, out var e) || _draining.TryGetValue(p, out e) ? e : 0;
    }

    /// <summary>True when this silo holds the partition of <paramref name="grainId"/> and is not handing it over.</summary>
    public bool Owns(GrainId grainId) => _epochs.ContainsKey(Map.GetPartition(grainId));

    /// <summary>True when the partition of <paramref name="grainId"/> is being handed over by this silo.</summary>
    public bool IsDraining(GrainId grainId) => _draining.ContainsKey(Map.GetPartition(grainId));

    /// <summary>True when <paramref name="partition"/> is held now.</summary>
    public bool Holds(int partition) => _epochs.ContainsKey(partition);

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
            if (!_draining.ContainsKey(p))
            {
                _epochs[p] = e;
            }
        }
    }

    /// <summary>Starts handing over <paramref name="partitions"/>: calls stop running here while their grains persist under the held epoch.</summary>
    public void BeginDrain(IEnumerable<int> partitions)
    {
        foreach (var p in partitions)
        {
            if (_epochs.TryRemove(p, out var e))
            {
                _draining[p] = e;
            }
        }
    }

    /// <summary>Ends the hand-over of <paramref name="partitions"/> (their leases are released): writes for them are fenced from now on.</summary>
    public void EndDrain(IEnumerable<int> partitions)
    {
        foreach (var p in partitions)
        {
            _draining.TryRemove(p, out _);
        }
    }
}
