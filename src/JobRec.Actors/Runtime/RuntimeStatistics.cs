namespace JobRec.Actors.Runtime;

/// <summary>A snapshot of the silo's runtime: activations and mailbox queue lengths per grain type, and calls served.</summary>
public sealed record RuntimeStatistics(IReadOnlyList<GrainTypeStatistics> GrainTypes, int TotalActivations, int TotalQueuedMessages, long CallsDispatched);
