using Orleans;

namespace JobRec.Contracts.Skills;

/// <summary>Text to extract skills from: 1..<see cref="MaxTextLength"/> characters, not binary data.</summary>
/// <param name="Text">A job description, resume or any English text.</param>
[GenerateSerializer, Immutable, Alias("jobrec.SkillExtractRequest")]
public sealed record SkillExtractRequest(string Text)
{
    /// <summary>Longest text accepted (about 3,000 words, a few seconds of the tagger on two CPU cores); all of it is tagged, in sentence chunks
    /// of at most 128 words. Longer text: split it, or store it as a job or user (their first characters are tagged).</summary>
    public const int MaxTextLength = 20_000;
}
