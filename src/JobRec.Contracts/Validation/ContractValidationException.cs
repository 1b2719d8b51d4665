using Orleans;

namespace JobRec.Contracts;

/// <summary>A request field broke a contract bound; <see cref="Field"/> names the field (JSON path style, e.g. "skills[3]").</summary>
[GenerateSerializer, Alias("jobrec.ContractValidationException")]
public sealed class ContractValidationException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="field"/> with a message saying what was wrong.</summary>
    public ContractValidationException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
        Problem = message;
    }

    /// <summary>The offending field.</summary>
    [Id(0)]
    public string Field { get; }

    /// <summary>What was wrong with it.</summary>
    [Id(1)]
    public string Problem { get; }

    /// <summary>Always null: a refused request is not a fault, and no silo stack trace leaves the cluster with it.</summary>
    public override string? StackTrace => null;
}
