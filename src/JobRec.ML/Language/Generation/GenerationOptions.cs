namespace JobRec.ML.Language.Generation;

/// <summary>How to pick tokens and when to stop.</summary>
public sealed record GenerationOptions
{
    /// <summary>Most tokens to generate.</summary>
    public int MaxNewTokens { get; init; } = 48;
    /// <summary>Softmax temperature; 0 or less means greedy (argmax).</summary>
    public float Temperature { get; init; }
    /// <summary>Keep only the k most likely tokens before sampling (0 = all).</summary>
    public int TopK { get; init; }
    /// <summary>Keep the smallest set of most likely tokens whose probability reaches p (1 = all).</summary>
    public float TopP { get; init; } = 1f;
    /// <summary>Seed of the sampler.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Generation ends when the text contains one of these; the stop text is not returned.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];
    /// <summary>When n &gt; 0, never emit a token that would repeat an n-gram already among the generated tokens (the prompt is not counted, so copying from it stays possible); 0 = off.</summary>
    public int NoRepeatNgramSize { get; init; }
    /// <summary>Generation ends at the end-of-text token.</summary>
    public bool StopAtEndOfText { get; init; } = true;
}
