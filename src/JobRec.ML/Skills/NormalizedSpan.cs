namespace JobRec.ML.Skills;

/// <summary>A span found in text and the skill it was normalised to.</summary>
/// <param name="Kind">Which layer found it (the dictionary matcher reports knowledge).</param>
/// <param name="Start">Offset of its first character in the text.</param>
/// <param name="Length">Its length in characters.</param>
/// <param name="Text">The span's text (text[Start..(Start + Length)]).</param>
/// <param name="Skill">The normalised skill (an ESCO label, or the dictionary's preferred name); empty when none is close enough.</param>
/// <param name="Similarity">Cosine of the span to <paramref name="Skill"/> (1 for a dictionary match, 0 when <paramref name="Skill"/> is empty).</param>
public sealed record NormalizedSpan(SkillSpanKind Kind, int Start, int Length, string Text, string Skill, float Similarity);
