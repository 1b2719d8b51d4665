namespace JobRec.Data.Model;

/// <summary>One user-job event at a point in time.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="JobId">The job's id.</param>
/// <param name="Kind">View, save or apply.</param>
/// <param name="Time">When it happened.</param>
public readonly record struct Interaction(string UserId, string JobId, InteractionKind Kind, DateTimeOffset Time);
