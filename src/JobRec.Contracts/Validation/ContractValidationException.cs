namespace JobRec.Contracts;

/// <summary>A request field broke a contract bound; <see cref="Field"/> names the field (JSON path style, e.g. "skills[3]").</summary>
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
    public string Field { get; }

    /// <summary>What was wrong with it.</summary>
    public string Problem { get; }
}
