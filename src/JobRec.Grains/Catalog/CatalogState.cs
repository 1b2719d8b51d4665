namespace JobRec.Grains.Catalog;

/// <summary>Persistent state of a <see cref="CatalogGrain"/>.</summary>
public sealed class CatalogState
{
    /// <summary>Key to value.</summary>
    public Dictionary<string, string> Entries { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
