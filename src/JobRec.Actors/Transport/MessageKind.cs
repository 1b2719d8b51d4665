namespace JobRec.Actors.Transport;

/// <summary>First byte of every frame payload.</summary>
internal enum MessageKind : byte
{
    Request = 1,
    Response = 2,
}
