using Orleans;
using JobRec.Contracts.Indexing;

namespace JobRec.Contracts.Jobs;

/// <summary>What a job grain answers to a bulk import: whether the job was new, and the shard entry the importer must send to the job's
/// index shard (imports batch these per shard instead of one shard call per job).</summary>
/// <param name="Created">True when the id was not stored before this call.</param>
/// <param name="Entry">The job's index entry (card fields and normalised embedding) as stored.</param>
/// <param name="Shard">The index shard the entry belongs to.</param>
[GenerateSerializer, Immutable, Alias("jobrec.JobImportResult")]
public sealed record JobImportResult(bool Created, ShardEntry Entry, int Shard);
