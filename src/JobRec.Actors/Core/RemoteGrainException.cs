namespace JobRec.Actors;

/// <summary>Stands for an exception thrown by a remote grain whose type cannot be recreated on the caller's side.</summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception from the remote type name, message and stack trace.</summary>
    public RemoteGrainException(string remoteType, string message, string? remoteStackTrace)
        : base(message)
    {
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>Full name of the exception type thrown on the remote side.</summary>
    public string RemoteType { get; }

    /// <summary>The remote stack trace, when sent.</summary>
    public string? RemoteStackTrace { get; }
}
