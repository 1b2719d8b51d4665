using Orleans;
namespace JobRec.Contracts.Interactions;

/// <summary>One interaction to record for a user.</summary>
/// <param name="JobId">The job the user interacted with; must exist.</param>
/// <param name="Kind">View, save or apply.</param>
/// <param name="Time">When it happened, between 1990-01-01 and one day past the server's clock; null means now.</param>
/// <param name="RequestId">Optional idempotency key (at most 128 characters): a retry with the same key for the same user is stored
/// once and answered with the first call's record, as long as that interaction is among the user's stored ones.</param>
[GenerateSerializer, Immutable, Alias("jobrec.InteractionInput")]
public sealed record InteractionInput(string JobId, InteractionKind Kind, DateTimeOffset? Time = null, string? RequestId = null);
