namespace JobRec.Actors.Runtime;

/// <summary>Thrown when a silo answers that it does not host the called grain; the caller refreshes placement and retries.</summary>
public sealed class GrainMovedException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public GrainMovedException(string message)
        : base(message)
    {
    }
}
