using Orleans;

namespace JobRec.Contracts.Skills;

/// <summary>The layer of an extracted span (SkillSpan's two layers; the dictionary fallback reports knowledge).</summary>
[GenerateSerializer, Alias("jobrec.SkillSpanKind")]
public enum SkillSpanKind
{
    /// <summary>An ability ("manage a team").</summary>
    Skill = 0,

    /// <summary>Something known: a technology, tool, field or certificate ("Python").</summary>
    Knowledge = 1,
}
