namespace JobRec.Client;

/// <summary>Thrown when no gateway in the client's list accepted a connection.</summary>
public sealed class GatewayUnavailableException : Exception
{
    /// <summary>Creates the exception with its message and the last connection error.</summary>
    public GatewayUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
