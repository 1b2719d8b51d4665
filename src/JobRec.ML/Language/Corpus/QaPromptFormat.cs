namespace JobRec.ML.Language.Corpus;

/// <summary>The one text layout of QA examples, shared by training and answering: "Question: ...\nContext: ...\nAnswer: ...\n".</summary>
public static class QaPromptFormat
{
    /// <summary>Ends an answer.</summary>
    public const string AnswerEnd = "\n";

    /// <summary>The prompt the model continues with an answer.</summary>
    public static string Prompt(string question, string context) =>
        $"Question: {PostingSerializer.Clean(question)}\nContext: {context}\nAnswer:";

    /// <summary>A full training document: prompt, answer and answer end.</summary>
    public static string TrainingDocument(string question, string context, string answer) =>
        Prompt(question, context) + " " + answer + AnswerEnd;
}
