using Orleans;
namespace JobRec.Contracts.Interactions;

/// <summary>A recorded interaction of a user.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">View, save or apply.</param>
/// <param name="Time">When it happened.</param>
/// <param name="RequestId">The idempotency key it was recorded with, if any.</param>
[GenerateSerializer, Immutable, Alias("jobrec.InteractionRecord")]
public sealed record InteractionRecord(string JobId, InteractionKind Kind, DateTimeOffset Time, string? RequestId = null);
