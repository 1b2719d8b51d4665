using System.Globalization;

namespace JobRec.Vectors.Benchmarks;

/// <summary>Numbers of one <see cref="VectorIndexBenchmark.Run"/>: build seconds, queries per second, and recall@k of each FAISS index against the managed exact index.</summary>
public sealed record VectorBenchmarkResult(
    int N,
    int Dimension,
    int Queries,
    int K,
    VectorDistribution Distribution,
    int HnswM,
    int HnswEfConstruction,
    int HnswEfSearch,
    double FlatBuildSeconds,
    double HnswBuildSeconds,
    double FlatQueriesPerSecond,
    double HnswQueriesPerSecond,
    double ExactQueriesPerSecond,
    double FlatRecall,
    double HnswRecall)
{
    /// <summary>The summary line: <c>vectors: n=.. dim=.. flat_build_s=.. hnsw_build_s=.. hnsw_recall10=.. hnsw_qps=.. flat_qps=..</c> (recall named after k).</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"vectors: n={N} dim={Dimension} flat_build_s={FlatBuildSeconds:F2} hnsw_build_s={HnswBuildSeconds:F2} hnsw_recall{K}={HnswRecall:F4} hnsw_qps={HnswQueriesPerSecond:F0} flat_qps={FlatQueriesPerSecond:F0}");
}
