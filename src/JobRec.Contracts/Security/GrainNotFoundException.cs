using Orleans;

namespace JobRec.Contracts.Security;

/// <summary>The <see cref="KeyNotFoundException"/> a gateway client receives (an unknown job or user): the silo's message, no stack trace.</summary>
[GenerateSerializer, Alias("jobrec.GrainNotFoundException")]
public sealed class GrainNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception with the silo's message.</summary>
    public GrainNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Always null: no silo stack trace leaves the cluster.</summary>
    public override string? StackTrace => null;
}
