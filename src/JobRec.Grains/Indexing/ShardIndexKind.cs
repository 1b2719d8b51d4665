namespace JobRec.Grains.Indexing;

/// <summary>Which vector index a shard keeps its job embeddings in.</summary>
public enum ShardIndexKind
{
    /// <summary>Managed inverted file (spherical k-means lists, probes the nearest lists; exact below a few thousand jobs).</summary>
    InvertedFile,

    /// <summary>Managed brute-force scan (exact).</summary>
    Exact,

    /// <summary>FAISS flat inner product through the native shim (exact; managed exact when the shim is missing).</summary>
    FaissFlat,
}
