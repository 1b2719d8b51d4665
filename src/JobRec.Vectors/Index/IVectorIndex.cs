namespace JobRec.Vectors.Index;

/// <summary>A vector index over inner product: add vectors with ids, remove ids, search top-k.</summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>Length of every vector in the index.</summary>
    int Dimension { get; }

    /// <summary>Number of vectors stored.</summary>
    long Count { get; }

    /// <summary>Adds <paramref name="ids"/>.Length vectors laid out row-major in <paramref name="vectors"/>.</summary>
    /// <exception cref="ArgumentException">Wrong vector length, NaN values or a length mismatch.</exception>
    void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids);

    /// <summary>Removes the given ids; returns how many were present.</summary>
    long Remove(ReadOnlySpan<long> ids);

    /// <summary>For each of the row-major queries, the k best ids and scores (descending); missing slots hold id -1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    SearchResult Search(ReadOnlySpan<float> queries, int k);
}

/// <summary>Batch search result: row q holds the k best of query q.</summary>
/// <param name="Ids">queries x k ids, -1 where fewer than k were found.</param>
/// <param name="Scores">queries x k inner products, descending per row.</param>
/// <param name="K">Results per query.</param>
public sealed record SearchResult(long[] Ids, float[] Scores, int K);
