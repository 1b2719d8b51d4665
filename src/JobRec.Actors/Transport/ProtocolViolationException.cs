namespace JobRec.Actors.Transport;

/// <summary>Thrown when bytes on a connection are not a valid frame; the connection is closed.</summary>
public sealed class ProtocolViolationException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public ProtocolViolationException(string message)
        : base(message)
    {
    }
}
