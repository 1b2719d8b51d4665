using Orleans;
namespace JobRec.Contracts.Jobs;

/// <summary>Interaction counters of a job (or a delta to add to them) and its co-interaction counts.</summary>
/// <param name="Views">Views.</param>
/// <param name="Saves">Saves.</param>
/// <param name="Applies">Applications.</param>
/// <param name="CoInteractions">Other job id to the number of users who touched both.</param>
[GenerateSerializer, Immutable, Alias("jobrec.JobStatistics")]
public sealed record JobStatistics(long Views, long Saves, long Applies, IReadOnlyDictionary<string, int> CoInteractions);
