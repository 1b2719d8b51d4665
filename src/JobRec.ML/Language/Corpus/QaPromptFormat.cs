namespace JobRec.ML.Language.Corpus;

/// <summary>The one text layout of QA examples, shared by training and answering: "Context: ...\nQuestion: ...\nAnswer: ...\n" (the question sits right before the answer, so the model reads what is asked last).</summary>
public static class QaPromptFormat
{
    /// <summary>Ends an answer.</summary>
    public const string AnswerEnd = "\n";

    /// <summary>The prompt the model continues with an answer.</summary>
    public static string Prompt(string question, string context) =>
        $"Context: {context}\nQuestion: {PostingSerializer.Clean(question)}\nAnswer:";

    /// <summary>A training example: the prompt, and the answer (with its end) as the completion.</summary>
    public static TrainingText TrainingText(string question, string context, string answer) =>
        new(Prompt(question, context), " " + answer + AnswerEnd);

    /// <summary>A full training document as one string: prompt, answer and answer end.</summary>
    public static string TrainingDocument(string question, string context, string answer) =>
        TrainingText(question, context, answer).ToString();
}
