using JobRec.Vectors.Faiss;

namespace JobRec.Vectors.Benchmarks;

/// <summary>
/// Settings of <see cref="VectorIndexBenchmark.Run"/>: data distribution, seed, HNSW settings, FAISS threads (0 keeps the default),
/// and the recall target: when <paramref name="TargetRecall"/> is positive, efSearch is doubled from <see cref="HnswParameters.EfSearch"/>
/// until a separate set of tuning queries reaches it (at most <paramref name="MaxEfSearch"/>), and the measured queries use that efSearch.
/// When <paramref name="MaxBuildSeconds"/> is positive the HNSW graph is built in chunks and building stops after the chunk that passes
/// that time; every index and the ground truth then hold the vectors indexed so far (the result's N says how many).
/// </summary>
public sealed record VectorBenchmarkOptions(
    VectorDistribution Distribution = VectorDistribution.Uniform,
    int Seed = 42,
    HnswParameters? Hnsw = null,
    int Threads = 0,
    double TargetRecall = 0.95,
    int MaxEfSearch = 4096,
    double MaxBuildSeconds = 0);
