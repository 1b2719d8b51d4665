using Orleans;

namespace JobRec.Contracts.Skills;

/// <summary>A skill or knowledge span found in a text, with character offsets into that text and its normalised skill.</summary>
/// <param name="Kind">Which layer found it.</param>
/// <param name="Start">Offset of its first character (UTF-16 code units, as .NET and JavaScript strings count).</param>
/// <param name="Length">Its length in characters.</param>
/// <param name="Text">The span's text: text.Substring(Start, Length).</param>
/// <param name="Skill">The normalised skill (ESCO label or dictionary name); empty when none was close enough.</param>
/// <param name="Similarity">Cosine of the span to <paramref name="Skill"/> (1 for a dictionary match, 0 when none).</param>
[GenerateSerializer, Immutable, Alias("jobrec.SkillSpan")]
public sealed record SkillSpan(SkillSpanKind Kind, int Start, int Length, string Text, string Skill, float Similarity);
