namespace JobRec.ML.Language.Generation;

/// <summary>Why generation ended.</summary>
public enum StopReason
{
    /// <summary><see cref="GenerationOptions.MaxNewTokens"/> tokens were generated.</summary>
    MaxTokens,
    /// <summary>The model produced the end-of-text token.</summary>
    EndOfText,
    /// <summary>A stop sequence appeared.</summary>
    StopSequence,
    /// <summary>The context window is full.</summary>
    ContextFull,
}
