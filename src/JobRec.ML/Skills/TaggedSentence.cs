namespace JobRec.ML.Skills;

/// <summary>A tokenised sentence with gold BIO tags for the skill and knowledge layers (codes of <see cref="BioTags"/>).</summary>
/// <param name="Tokens">The words.</param>
/// <param name="Skill">Skill-layer tag per word.</param>
/// <param name="Knowledge">Knowledge-layer tag per word.</param>
/// <param name="Group">Document the sentence comes from (SkillSpan: source and posting idx); splits keep a document's sentences together.</param>
public sealed record TaggedSentence(string[] Tokens, byte[] Skill, byte[] Knowledge, string Group = "")
{
    /// <summary>The tag layer of <paramref name="kind"/>.</summary>
    public byte[] Layer(SkillSpanKind kind) => kind == SkillSpanKind.Skill ? Skill : Knowledge;
}
