namespace JobRec.Actors;

/// <summary>Thrown when a grain interface is not implemented by any grain class registered in the silo.</summary>
public sealed class UnknownGrainInterfaceException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public UnknownGrainInterfaceException(string message)
        : base(message)
    {
    }
}
