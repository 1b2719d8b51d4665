using System.Collections.Concurrent;

namespace JobRec.Grains.Catalog;

/// <summary>Silo-wide cache of O*NET titles found in the occupation catalog, so a bulk import does not call the one catalog grain once
/// per job. Only found titles are cached (a code missing from the catalog is looked up again next time). Thread-safe.</summary>
public sealed class OccupationTitleCache
{
    private readonly ConcurrentDictionary<string, string> _titles = new(StringComparer.Ordinal);

    /// <summary>The cached title of <paramref name="code"/>, if any.</summary>
    public bool TryGet(string code, out string title) => _titles.TryGetValue(code, out title!);

    /// <summary>Remembers a non-empty title for <paramref name="code"/>.</summary>
    public void Remember(string code, string title)
    {
        if (title.Length > 0)
        {
            _titles[code] = title;
        }
    }
}
