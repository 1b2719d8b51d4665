namespace JobRec.Data.Skills;

/// <summary>A skill found in text: its preferred name and where the matched words are.</summary>
/// <param name="Skill">Preferred skill name.</param>
/// <param name="Start">Offset of the first matched character in the text.</param>
/// <param name="Length">Length of the matched span in the text.</param>
public readonly record struct SkillMatch(string Skill, int Start, int Length);
