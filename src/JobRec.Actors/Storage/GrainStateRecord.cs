namespace JobRec.Actors.Storage;

/// <summary>One stored state: serialized payload, its ETag and the fencing epoch of the write that stored it.</summary>
public sealed record GrainStateRecord(byte[] Data, string ETag, long Epoch);
