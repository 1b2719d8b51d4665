using Orleans;
namespace JobRec.Contracts.Interactions;

/// <summary>One interaction to record for a user.</summary>
/// <param name="JobId">The job the user interacted with; must exist.</param>
/// <param name="Kind">View, save or apply.</param>
/// <param name="Time">When it happened; null means now.</param>
[GenerateSerializer, Immutable, Alias("jobrec.InteractionInput")]
public sealed record InteractionInput(string JobId, InteractionKind Kind, DateTimeOffset? Time = null);
