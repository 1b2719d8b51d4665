namespace JobRec.Actors.Transport;

/// <summary>Thrown to callers whose call was in flight on a connection that closed; the call may or may not have run.</summary>
public sealed class ConnectionLostException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public ConnectionLostException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
