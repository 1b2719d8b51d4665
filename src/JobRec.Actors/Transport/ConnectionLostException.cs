namespace JobRec.Actors.Transport;

/// <summary>Thrown to callers whose call was in flight on a connection that closed; the call may or may not have run.</summary>
public sealed class ConnectionLostException : Exception
{
    /// <summary>Creates the exception with its message (the form the wire codec recreates).</summary>
    public ConnectionLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ConnectionLostException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
