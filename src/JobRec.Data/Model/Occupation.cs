namespace JobRec.Data.Model;

/// <summary>An occupation of a taxonomy (O*NET-SOC or ESCO) with its alternate titles.</summary>
/// <param name="Code">O*NET-SOC code ("15-1252.00") or ESCO concept URI.</param>
/// <param name="Title">Preferred title.</param>
/// <param name="Description">Definition text, may be empty.</param>
public sealed record Occupation(string Code, string Title, string Description)
{
    /// <summary>Alternate titles people use for this occupation.</summary>
    public IReadOnlyList<string> AlternateTitles { get; init; } = [];
    /// <summary>"onet" or "esco".</summary>
    public string Taxonomy { get; init; } = "onet";
}
