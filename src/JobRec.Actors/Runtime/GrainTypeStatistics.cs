namespace JobRec.Actors.Runtime;

/// <summary>Runtime numbers of one grain type on this silo.</summary>
public sealed record GrainTypeStatistics(string GrainType, int Activations, int QueuedMessages);
