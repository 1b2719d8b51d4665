namespace JobRec.Vectors.Benchmarks;

/// <summary>How benchmark vectors are drawn; both are normalised to unit length.</summary>
public enum VectorDistribution
{
    /// <summary>Uniform on the unit sphere (normalised Gaussian): the hardest case for graph and cell indexes.</summary>
    Uniform,

    /// <summary>Gaussian clusters around random unit centroids, closer to real text embeddings.</summary>
    Clustered,
}
