using System.Text;

namespace JobRec.Actors.Cluster;

/// <summary>Maps a grain id to one of <see cref="PartitionCount"/> partitions by a stable FNV-1a hash, identical in every process and version.</summary>
public sealed class PartitionMap
{
    /// <summary>Creates a map over <paramref name="partitionCount"/> partitions (1..65536).</summary>
    public PartitionMap(int partitionCount = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitionCount, 65536);
        PartitionCount = partitionCount;
    }

    /// <summary>Number of partitions.</summary>
    public int PartitionCount { get; }

    /// <summary>Returns the partition of <paramref name="grainId"/>.</summary>
    public int GetPartition(GrainId grainId) => GetPartition(grainId.ToString());

    /// <summary>Returns the partition of the grain whose id text is <paramref name="grainIdText"/>.</summary>
    public int GetPartition(string grainIdText)
    {
        ArgumentNullException.ThrowIfNull(grainIdText);
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(grainIdText) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(grainIdText, buffer)]
            : Encoding.UTF8.GetBytes(grainIdText);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash % (ulong)PartitionCount);
    }
}
