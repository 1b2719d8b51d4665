using JobRec.ML.Language.Corpus;

namespace JobRec.ML.Language.Answering;

/// <summary>Retrieval-only baseline: classify the question, then copy that field from the top retrieved posting.</summary>
public static class ExtractiveAnswerer
{
    /// <summary>The copied field, or empty when the question is not understood or no posting was retrieved.</summary>
    public static string Answer(string question, PostingFacts? topPosting)
    {
        if (topPosting is null) return "";
        return QuestionKindClassifier.Classify(question) switch
        {
            QuestionKind.Skills => PostingSerializer.SkillsText(topPosting),
            QuestionKind.Salary => PostingSerializer.SalaryText(topPosting),
            QuestionKind.Level => PostingSerializer.Clean(topPosting.Level),
            QuestionKind.EmploymentType => PostingSerializer.Clean(topPosting.EmploymentType),
            QuestionKind.Company => PostingSerializer.Clean(topPosting.Company),
            QuestionKind.Location => PostingSerializer.Clean(topPosting.Location),
            _ => "",
        };
    }
}
