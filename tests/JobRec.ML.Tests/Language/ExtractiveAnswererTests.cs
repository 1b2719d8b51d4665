using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Corpus;

namespace JobRec.ML.Tests.Language;

public class ExtractiveAnswererTests
{
    private static readonly PostingFacts Acme = new("a", "Data Engineer")
    {
        Company = "Acme", Location = "Austin, TX", Skills = ["Python", "Spark"], Level = "entry", EmploymentType = "full-time", SalaryMin = 50000,
    };

    [Fact]
    public void Every_generated_question_kind_is_recognised_and_answered_from_the_posting()
    {
        foreach (var example in QaExampleBuilder.Build(Acme))
        {
            Assert.Equal(example.Kind, QuestionKindClassifier.Classify(example.Question));
            Assert.Equal(example.Answer, ExtractiveAnswerer.Answer(example.Question, Acme));
        }
        Assert.Null(QuestionKindClassifier.Classify("Tell me a joke"));
        Assert.Equal("", ExtractiveAnswerer.Answer("What skills?", null));
    }
}
