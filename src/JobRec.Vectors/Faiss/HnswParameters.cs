namespace JobRec.Vectors.Faiss;

/// <summary>HNSW graph settings: <paramref name="M"/> neighbours per node, <paramref name="EfConstruction"/> candidates while building, <paramref name="EfSearch"/> candidates while searching.</summary>
public sealed record HnswParameters(int M = 32, int EfConstruction = 200, int EfSearch = 128)
{
    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (M < 2 || M > 512)
        {
            throw new ArgumentOutOfRangeException(nameof(M), M, "HNSW M must be between 2 and 512.");
        }

        if (EfConstruction < 1 || EfConstruction > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(EfConstruction), EfConstruction, "HNSW efConstruction must be between 1 and 100000.");
        }

        if (EfSearch < 1 || EfSearch > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(EfSearch), EfSearch, "HNSW efSearch must be between 1 and 100000.");
        }
    }
}
