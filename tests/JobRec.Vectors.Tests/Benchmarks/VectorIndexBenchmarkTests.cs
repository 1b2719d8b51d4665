using JobRec.Vectors.Benchmarks;
using JobRec.Vectors.Faiss;
using JobRec.Vectors.Tests.Faiss;

namespace JobRec.Vectors.Tests.Benchmarks;

public sealed class VectorIndexBenchmarkTests
{
    [Fact]
    public void Small_run_reports_exact_flat_and_plausible_hnsw_numbers_in_the_summary_format()
    {
        FaissFixture.RequireShim();
        var result = VectorIndexBenchmark.Run(2000, 48, 50, 10, new VectorBenchmarkOptions(VectorDistribution.Clustered, Hnsw: new HnswParameters(16, 80, 96)));

        Assert.Equal(1.0, result.FlatRecall, 3);
        Assert.InRange(result.HnswRecall, 0.9, 1.0);
        Assert.True(result.FlatQueriesPerSecond > 0 && result.HnswQueriesPerSecond > 0);
        Assert.True(result.HnswBuildSeconds > 0);
        Assert.Matches(
            @"^vectors: n=2000 dim=48 flat_build_s=\d+\.\d\d hnsw_build_s=\d+\.\d\d hnsw_recall10=\d\.\d{4} hnsw_qps=\d+ flat_qps=\d+$",
            result.ToString());
    }

    [Fact]
    public void Generated_vectors_are_unit_length_and_deterministic()
    {
        var a = new UnitVectorGenerator(20, 7, VectorDistribution.Clustered, clusters: 5).Next(10);
        var b = new UnitVectorGenerator(20, 7, VectorDistribution.Clustered, clusters: 5).Next(10);

        Assert.Equal(a, b);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(a.AsSpan(i * 20, 20)), 4);
        }
    }
}
