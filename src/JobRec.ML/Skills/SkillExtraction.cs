namespace JobRec.ML.Skills;

/// <summary>What <see cref="SkillExtractor"/> found in one text.</summary>
/// <param name="Spans">The spans with their normalised skills, ordered by start.</param>
/// <param name="Skills">The distinct normalised skills, in order of first occurrence, at most <see cref="SkillExtractor.MaxSkillsPerText"/>.</param>
/// <param name="CharactersRead">How many characters from the start of the text were read (less than its length when it was cut).</param>
/// <param name="Truncated">True when the text was longer than the limit and only its start was read.</param>
/// <param name="Warning">Why the result may be empty or poor (binary data, non-English text), or null.</param>
public sealed record SkillExtraction(IReadOnlyList<NormalizedSpan> Spans, IReadOnlyList<string> Skills, int CharactersRead, bool Truncated, string? Warning)
{
    /// <summary>The result for an empty text.</summary>
    public static SkillExtraction Empty { get; } = new([], [], 0, false, null);
}
