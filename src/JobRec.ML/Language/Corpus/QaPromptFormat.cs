namespace JobRec.ML.Language.Corpus;

/// <summary>The one text layout of QA examples, shared by training and answering: "Context: ...\nQuestion: ...\nAnswer: &lt;answer sentence&gt;\n" (the question sits right before the answer, so the model reads what is asked last).</summary>
public static class QaPromptFormat
{
    /// <summary>Ends an answer.</summary>
    public const string AnswerEnd = "\n";

    /// <summary>The prompt the model continues with an answer.</summary>
    public static string Prompt(string question, string context) =>
        $"Context: {context}\nQuestion: {PostingSerializer.Clean(question)}\nAnswer:";

    /// <summary>A training example: the prompt, and the answer sentence (<see cref="AnswerSentence.Write"/>, with the answer end) as the completion.</summary>
    public static TrainingText TrainingText(QaExample example, string context) =>
        new(Prompt(example.Question, context), " " + AnswerSentence.Write(example.Kind, example.Answer) + AnswerEnd);
}
