namespace JobRec.Data.Model;

/// <summary>A job title labelled with the occupation code it belongs to (an O*NET-SOC code or an ESCO concept URI).</summary>
/// <param name="Code">Occupation code.</param>
/// <param name="Title">The title text.</param>
public sealed record TitleLabel(string Code, string Title);
