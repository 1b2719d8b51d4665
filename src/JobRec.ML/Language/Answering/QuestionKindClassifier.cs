using JobRec.ML.Language.Corpus;

namespace JobRec.ML.Language.Answering;

/// <summary>Guesses which posting field a question asks for from its keywords.</summary>
public static class QuestionKindClassifier
{
    /// <summary>The field asked for, or null when no keyword matches.</summary>
    public static QuestionKind? Classify(string question)
    {
        var q = " " + string.Join(' ', AnswerTokens.Of(question)) + " ";
        if (Has(q, "skill", "skills", "technologies", "requirements", "require")) return QuestionKind.Skills;
        if (Has(q, "pay", "salary", "earn", "compensation", "wage")) return QuestionKind.Salary;
        if (Has(q, "level", "seniority")) return QuestionKind.Level;
        if (Has(q, "employment", "full time", "part time", "contract")) return QuestionKind.EmploymentType;
        if (Has(q, "company", "employer", "hiring", "who")) return QuestionKind.Company;
        if (Has(q, "where", "located", "location", "city")) return QuestionKind.Location;
        return null;
    }

    private static bool Has(string padded, params string[] words) => words.Any(w => padded.Contains(" " + w + " ", StringComparison.Ordinal));
}
