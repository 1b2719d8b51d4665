using Orleans;

namespace JobRec.Contracts.Security;

/// <summary>What a gateway client receives instead of a silo's unexpected exception: the original exception's type name and message, no stack
/// trace, inner exception or data (so no source paths or internal state leave a silo).</summary>
[GenerateSerializer, Alias("jobrec.RemoteGrainException")]
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception from the original's type name and message.</summary>
    public RemoteGrainException(string errorType, string message)
        : base($"{errorType}: {message}")
    {
        ErrorType = errorType;
    }

    /// <summary>Full name of the exception type the silo saw (e.g. "System.InvalidOperationException").</summary>
    [Id(0)]
    public string ErrorType { get; }

    /// <summary>Always null: no silo stack trace leaves the cluster.</summary>
    public override string? StackTrace => null;
}
