namespace JobRec.Actors.Transport;

/// <summary>Flags of a request frame.</summary>
[Flags]
internal enum RequestFlags : byte
{
    None = 0,

    /// <summary>Sent by another silo: answer "moved" instead of forwarding again.</summary>
    Forwarded = 1,
}
