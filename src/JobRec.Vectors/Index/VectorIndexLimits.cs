namespace JobRec.Vectors.Index;

/// <summary>Bounds every <see cref="IVectorIndex"/> implementation enforces on its arguments before doing any work.</summary>
public static class VectorIndexLimits
{
    /// <summary>Largest k a search accepts; larger requests are rejected rather than allocating huge result buffers.</summary>
    public const int MaxK = 10_000;

    /// <summary>Largest vector dimension an index can be created with.</summary>
    public const int MaxDimension = 65_536;
}
