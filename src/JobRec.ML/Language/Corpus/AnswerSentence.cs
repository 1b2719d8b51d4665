namespace JobRec.ML.Language.Corpus;

/// <summary>Answers are written as the posting sentence that holds the field ("The job is located at Austin, TX."), so answering is copying the text that follows the same cue in the context; <see cref="ValueOf"/> takes the value back out.</summary>
public static class AnswerSentence
{
    private static readonly QuestionKind[] Kinds = Enum.GetValues<QuestionKind>();

    /// <summary>The words that introduce <paramref name="kind"/>'s value, in posting sentences and answers alike (ends with a space).</summary>
    public static string Cue(QuestionKind kind) => kind switch
    {
        QuestionKind.Skills => "The required skills are ",
        QuestionKind.Location => "The job is located at ",
        QuestionKind.Company => "The hiring company is ",
        QuestionKind.Level => "The experience level is ",
        QuestionKind.EmploymentType => "The employment type is ",
        QuestionKind.Salary => "The salary is ",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown question kind"),
    };

    /// <summary>The answer sentence: cue, value, full stop.</summary>
    public static string Write(QuestionKind kind, string value) => Cue(kind) + value + ".";

    /// <summary>The value in a generated answer: without a leading cue and one closing full stop; text without a cue is returned trimmed.</summary>
    public static string ValueOf(string answer)
    {
        var text = answer.Trim();
        foreach (var kind in Kinds)
        {
            var cue = Cue(kind).TrimEnd();
            if (!text.StartsWith(cue, StringComparison.Ordinal)) continue;
            text = text[cue.Length..].Trim();
            if (text.EndsWith('.')) text = text[..^1].TrimEnd();
            return text;
        }
        return text;
    }
}
