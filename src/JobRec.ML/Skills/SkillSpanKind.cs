namespace JobRec.ML.Skills;

/// <summary>The two span layers of SkillSpan (Zhang et al., NAACL 2022): a knowledge span may lie inside a skill span, so each has its own BIO layer.</summary>
public enum SkillSpanKind
{
    /// <summary>An ability to do something ("manage large sections of guests").</summary>
    Skill = 0,

    /// <summary>Something known: a technology, tool, field or certificate ("Python", "GDPR").</summary>
    Knowledge = 1,
}
