using JobRec.Contracts;
using JobRec.Contracts.Ask;

namespace JobRec.Contracts.Tests.Validation;

public sealed class AskValidationTests
{
    [Fact]
    public void A_question_at_the_limits_passes_and_beyond_them_names_the_field()
    {
        AskValidation.Validate(new AskRequest(new string('q', AskRequest.MaxQuestionLength), AskRequest.MaxK));
        AskValidation.Validate(new AskRequest("What does a nurse do?", 1));

        Assert.Equal("body", Assert.Throws<ContractValidationException>(() => AskValidation.Validate(null)).Field);
        Assert.Equal("question", Assert.Throws<ContractValidationException>(() => AskValidation.Validate(new AskRequest(""))).Field);
        var tooLong = Assert.Throws<ContractValidationException>(() => AskValidation.Validate(new AskRequest(new string('q', AskRequest.MaxQuestionLength + 1))));
        Assert.Equal("question", tooLong.Field);
        Assert.Contains($"{AskRequest.MaxQuestionLength + 1}", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("k", Assert.Throws<ContractValidationException>(() => AskValidation.Validate(new AskRequest("why?", 0))).Field);
        Assert.Equal("k", Assert.Throws<ContractValidationException>(() => AskValidation.Validate(new AskRequest("why?", AskRequest.MaxK + 1))).Field);
    }
}
