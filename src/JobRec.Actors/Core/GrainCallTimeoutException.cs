namespace JobRec.Actors;

/// <summary>Thrown to a caller whose grain call got no response within its timeout.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with its message.</summary>
    public GrainCallTimeoutException(string message)
        : base(message)
    {
    }
}
