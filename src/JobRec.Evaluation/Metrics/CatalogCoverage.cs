namespace JobRec.Evaluation.Metrics;

/// <summary>Catalog coverage: the share of catalog items that appear in at least one user's top-K list.</summary>
public sealed class CatalogCoverage<T>(int catalogSize, int k) where T : notnull
{
    private readonly HashSet<T> _seen = [];

    /// <summary>Number of items in the catalog.</summary>
    public int CatalogSize { get; } = catalogSize > 0 ? catalogSize : throw new ArgumentOutOfRangeException(nameof(catalogSize), catalogSize, "catalog must not be empty");

    /// <summary>Positions of each list that count.</summary>
    public int K { get; } = k > 0 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1");

    /// <summary>Adds the first K items of one user's list.</summary>
    public void Add(IReadOnlyList<T> ranked)
    {
        for (int i = 0; i < Math.Min(K, ranked.Count); i++) _seen.Add(ranked[i]);
    }

    /// <summary>Distinct recommended items divided by the catalog size, 0..1.</summary>
    public double Value => Math.Min(1.0, _seen.Count / (double)CatalogSize);
}
