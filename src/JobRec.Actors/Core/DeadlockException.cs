namespace JobRec.Actors;

/// <summary>Thrown at once when a call would wait on a non-reentrant grain that is already waiting further up the same call chain.</summary>
public sealed class DeadlockException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public DeadlockException(string message)
        : base(message)
    {
    }
}
