namespace JobRec.ML.Language.Corpus;

/// <summary>Which posting field a question asks for.</summary>
public enum QuestionKind
{
    /// <summary>Required skills.</summary>
    Skills,
    /// <summary>Where the job is.</summary>
    Location,
    /// <summary>Who is hiring.</summary>
    Company,
    /// <summary>Seniority level.</summary>
    Level,
    /// <summary>Employment type.</summary>
    EmploymentType,
    /// <summary>Pay.</summary>
    Salary,
}
