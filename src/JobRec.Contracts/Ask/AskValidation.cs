namespace JobRec.Contracts.Ask;

/// <summary>Checks an <see cref="AskRequest"/>; throws <see cref="ContractValidationException"/> naming the first bad field.</summary>
public static class AskValidation
{
    /// <summary>The question is non-empty and at most <see cref="AskRequest.MaxQuestionLength"/> characters; k is within 1..<see cref="AskRequest.MaxK"/>.</summary>
    public static void Validate(AskRequest? request)
    {
        if (request is null)
        {
            throw new ContractValidationException("body", "an ask request with a question is required");
        }

        if (string.IsNullOrWhiteSpace(request.Question))
        {
            throw new ContractValidationException("question", "must be a non-empty question");
        }

        if (request.Question.Length > AskRequest.MaxQuestionLength)
        {
            throw new ContractValidationException("question", $"is {request.Question.Length} characters; at most {AskRequest.MaxQuestionLength} allowed");
        }

        if (request.K < 1 || request.K > AskRequest.MaxK)
        {
            throw new ContractValidationException("k", $"is {request.K}; must be between 1 and {AskRequest.MaxK}");
        }
    }
}
