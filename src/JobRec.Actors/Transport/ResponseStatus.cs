namespace JobRec.Actors.Transport;

/// <summary>Outcome byte of a response frame.</summary>
internal enum ResponseStatus : byte
{
    Ok = 0,
    Error = 1,
    Moved = 2,
}
