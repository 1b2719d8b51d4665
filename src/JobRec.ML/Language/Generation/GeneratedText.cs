namespace JobRec.ML.Language.Generation;

/// <summary>The result of one generation.</summary>
/// <param name="Text">Generated text, stop sequence excluded.</param>
/// <param name="Tokens">Generated token ids (including a stop token if one was produced).</param>
/// <param name="Reason">Why generation ended.</param>
/// <param name="PromptTokens">Prompt tokens actually fed (after left truncation).</param>
/// <param name="MeanLogProbability">Mean natural-log probability (temperature 1) of the generated tokens; 0 when none.</param>
public sealed record GeneratedText(string Text, IReadOnlyList<int> Tokens, StopReason Reason, int PromptTokens, double MeanLogProbability);
