namespace JobRec.ML.Skills;

/// <summary>Strict span scores of the two layers; <see cref="Combined"/> micro-averages them (a span counts once per layer it is in).</summary>
/// <param name="Skill">Skill-layer counts.</param>
/// <param name="Knowledge">Knowledge-layer counts.</param>
public readonly record struct SkillSpanScores(SpanScore Skill, SpanScore Knowledge)
{
    /// <summary>Both layers' counts summed.</summary>
    public SpanScore Combined => Skill + Knowledge;

    /// <summary>These scores plus one sentence's: gold spans from <paramref name="gold"/>, predicted spans from the two tag layers.</summary>
    public SkillSpanScores Add(TaggedSentence gold, ReadOnlySpan<byte> skill, ReadOnlySpan<byte> knowledge) =>
        new(Skill + SpanScore.Of(BioTags.Spans(gold.Skill), BioTags.Spans(skill)), Knowledge + SpanScore.Of(BioTags.Spans(gold.Knowledge), BioTags.Spans(knowledge)));
}
