using Orleans;
namespace JobRec.Contracts.Interactions;

/// <summary>A recorded interaction of a user.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">View, save or apply.</param>
/// <param name="Time">When it happened.</param>
[GenerateSerializer, Immutable, Alias("jobrec.InteractionRecord")]
public sealed record InteractionRecord(string JobId, InteractionKind Kind, DateTimeOffset Time);
