namespace JobRec.Actors.Cluster;

/// <summary>One row of the partition-lease table: the owning silo (null when free), the fencing epoch and when the lease runs out (database clock).</summary>
public sealed record PartitionLease(int Partition, string? Owner, long Epoch, DateTime LeaseUntilUtc);
