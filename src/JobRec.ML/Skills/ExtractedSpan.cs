namespace JobRec.ML.Skills;

/// <summary>A skill or knowledge span found in text.</summary>
/// <param name="Kind">Which layer found it.</param>
/// <param name="Start">Offset of its first character in the text.</param>
/// <param name="Length">Its length in characters.</param>
/// <param name="Text">The span's text (text[Start..(Start + Length)]).</param>
public sealed record ExtractedSpan(SkillSpanKind Kind, int Start, int Length, string Text);
