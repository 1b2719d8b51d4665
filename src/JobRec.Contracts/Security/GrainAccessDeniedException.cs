using Orleans;

namespace JobRec.Contracts.Security;

/// <summary>A silo refused a gateway client's call: the method is internal (<see cref="InternalGrainMethodAttribute"/>) or not part of the
/// JobRec contract, and the call did not carry the operator key. Carries no stack trace across the wire.</summary>
[GenerateSerializer, Alias("jobrec.GrainAccessDeniedException")]
public sealed class GrainAccessDeniedException : UnauthorizedAccessException
{
    /// <summary>Creates the exception naming the refused interface method.</summary>
    public GrainAccessDeniedException(string method)
        : base($"{method} is internal to the cluster; a gateway client needs the operator key to call it")
    {
        Method = method;
    }

    /// <summary>The refused method, "Interface.Method".</summary>
    [Id(0)]
    public string Method { get; }

    /// <summary>Always null: no silo stack trace leaves the cluster.</summary>
    public override string? StackTrace => null;
}
