using Orleans;
using JobRec.Contracts.Indexing;

namespace JobRec.Contracts.Cluster;

/// <summary>What the cluster page shows: silos, activation counts, queue lengths and index shards.</summary>
/// <param name="Silos">Silos of the cluster.</param>
/// <param name="Shards">Index shard sizes.</param>
/// <param name="GeneratedAt">When this status was taken.</param>
[GenerateSerializer, Immutable, Alias("jobrec.ClusterStatus")]
public sealed record ClusterStatus(IReadOnlyList<SiloStatus> Silos, IReadOnlyList<ShardStatus> Shards, DateTimeOffset GeneratedAt);
