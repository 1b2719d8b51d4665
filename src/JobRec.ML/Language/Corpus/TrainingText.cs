namespace JobRec.ML.Language.Corpus;

/// <summary>One training document split into a prompt the model reads and a completion it learns to write; with an empty prompt the whole text is learned.</summary>
/// <param name="Prompt">Text the model conditions on (no loss on its tokens when the corpus masks prompts).</param>
/// <param name="Completion">Text the model is trained to produce after the prompt.</param>
public sealed record TrainingText(string Prompt, string Completion)
{
    /// <summary>A document learned in full (no prompt).</summary>
    public static TrainingText Whole(string text) => new("", text);

    /// <summary>Prompt and completion as one string.</summary>
    public override string ToString() => Prompt + Completion;
}
