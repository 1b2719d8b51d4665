using Orleans;
namespace JobRec.Contracts.Indexing;

/// <summary>Size and kind of one index shard.</summary>
/// <param name="Shard">Shard number.</param>
/// <param name="Jobs">Jobs indexed.</param>
/// <param name="Dimension">Embedding length, 0 while empty.</param>
/// <param name="IndexKind">Index implementation ("ivf", "faiss-flat", "exact").</param>
/// <param name="ShardCount">How many shards the silo's jobs are spread over.</param>
/// <param name="Searchable">Jobs in the vector index (those not past their closing time).</param>
[GenerateSerializer, Immutable, Alias("jobrec.ShardStatus")]
public sealed record ShardStatus(int Shard, int Jobs, int Dimension, string IndexKind, int ShardCount, long Searchable);
