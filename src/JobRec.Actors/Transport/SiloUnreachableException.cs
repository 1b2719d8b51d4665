namespace JobRec.Actors.Transport;

/// <summary>Thrown when a silo or gateway did not accept a connection, so the call was never sent and retrying it elsewhere is safe.</summary>
public sealed class SiloUnreachableException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public SiloUnreachableException(string message)
        : base(message)
    {
    }
}
