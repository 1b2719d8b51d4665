using JobRec.Vectors.Faiss;

namespace JobRec.Vectors.Benchmarks;

/// <summary>Settings of <see cref="VectorIndexBenchmark.Run"/>: data distribution, seed, HNSW settings and FAISS threads (0 keeps the default).</summary>
public sealed record VectorBenchmarkOptions(
    VectorDistribution Distribution = VectorDistribution.Uniform,
    int Seed = 42,
    HnswParameters? Hnsw = null,
    int Threads = 0);
