namespace JobRec.Contracts.Skills;

/// <summary>Checks a <see cref="SkillExtractRequest"/>; throws <see cref="ContractValidationException"/> naming the field.</summary>
public static class SkillValidation
{
    /// <summary>Share of control (other than tab, CR, LF) and U+FFFD characters above which text is refused as binary data.</summary>
    public const double MaxBinaryShare = 0.10;

    /// <summary>The text is non-empty, at most <see cref="SkillExtractRequest.MaxTextLength"/> characters, and not binary data.</summary>
    public static void Validate(SkillExtractRequest? request)
    {
        if (request is null)
        {
            throw new ContractValidationException("body", "a request with text is required");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new ContractValidationException("text", "must be non-empty text");
        }

        if (request.Text.Length > SkillExtractRequest.MaxTextLength)
        {
            throw new ContractValidationException("text", $"is {request.Text.Length} characters; at most {SkillExtractRequest.MaxTextLength} allowed (split longer text)");
        }

        var bad = 0;
        foreach (var c in request.Text)
        {
            if ((char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c == '\uFFFD')
            {
                bad++;
            }
        }

        if (bad > request.Text.Length * MaxBinaryShare)
        {
            throw new ContractValidationException("text", $"looks like binary data ({100.0 * bad / request.Text.Length:F0}% control or replacement characters); send UTF-8 text");
        }
    }
}
