namespace JobRec.Actors.Runtime;

/// <summary>Thrown when no silo could take a call because the grain's partition is being handed over or taken over; the call did not run, so retrying it is safe.</summary>
public sealed class PartitionUnavailableException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public PartitionUnavailableException(string message)
        : base(message)
    {
    }
}
