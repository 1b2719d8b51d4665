using Orleans;

namespace JobRec.OrleansExtensions.CallChains;

/// <summary>Thrown at once, instead of waiting for the call's timeout, when a grain call would wait on a non-reentrant grain that is itself
/// waiting further up the same call chain (a -> b -> a). The message names the chain.</summary>
[GenerateSerializer, Alias("jobrec.CallChainDeadlockException")]
public sealed class CallChainDeadlockException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public CallChainDeadlockException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and inner exception.</summary>
    public CallChainDeadlockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public CallChainDeadlockException()
    {
    }
}
