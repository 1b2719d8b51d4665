namespace JobRec.Contracts.Catalog;

/// <summary>Grain keys of the catalogs.</summary>
public static class CatalogKeys
{
    /// <summary>O*NET code to occupation title.</summary>
    public const string Occupations = "occupations";

    /// <summary>Skill name to where it came from.</summary>
    public const string Skills = "skills";
}
