namespace JobRec.Vectors.Faiss;

/// <summary>The FAISS index behind a <see cref="FaissIndex"/>; every kind scores by inner product and maps to caller ids.</summary>
public enum FaissIndexKind
{
    /// <summary>IndexFlatIP: exact brute force.</summary>
    Flat = 1,

    /// <summary>IndexHNSWFlat: graph-based approximate search.</summary>
    Hnsw = 2,

    /// <summary>IndexIVFFlat: inverted lists over k-means cells; needs training.</summary>
    Ivf = 3,
}
