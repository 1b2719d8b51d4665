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
        var result = VectorIndexBenchmark.Run(2000, 48, 50, 10, new VectorBenchmarkOptions(VectorDistribution.Clustered, Hnsw: new HnswParameters(16, 80, 8)));

        // FAISS's flat scan sums in its own order: it may swap one tied neighbour at the k-th place (1 of 500 results), no more.
        Assert.InRange(result.FlatRecall, 0.998, 1.0);
        Assert.InRange(result.HnswRecall, 0.9, 1.0);

        // Tuning starts at efSearch=8 and doubles; the chosen value is a doubling of the start.
        Assert.Contains(result.HnswEfSearch, new[] { 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 });
        Assert.True(result.FlatQueriesPerSecond > 0 && result.HnswQueriesPerSecond > 0);
        Assert.True(result.HnswBuildSeconds > 0);
        Assert.Matches(
            @"^vectors: n=2000 dim=48 flat_build_s=\d+\.\d\d hnsw_build_s=\d+\.\d\d hnsw_recall10=\d\.\d{4} hnsw_qps=\d+ flat_qps=\d+$",
            result.ToString());
    }

    [Fact]
    public void Without_a_recall_target_the_given_ef_search_is_kept()
    {
        FaissFixture.RequireShim();
        var result = VectorIndexBenchmark.Run(500, 16, 20, 5, new VectorBenchmarkOptions(Hnsw: new HnswParameters(8, 40, 24), TargetRecall: 0));

        Assert.Equal(24, result.HnswEfSearch);
        Assert.Equal(5, result.K);
        Assert.Contains("hnsw_recall5=", result.ToString());
    }

    [Fact]
    public void A_build_budget_stops_after_a_chunk_and_measures_every_index_on_the_same_vectors()
    {
        FaissFixture.RequireShim();
        var lines = new List<string>();
        var result = VectorIndexBenchmark.Run(25_000, 8, 30, 5,
            new VectorBenchmarkOptions(Hnsw: new HnswParameters(8, 20, 16), TargetRecall: 0, MaxBuildSeconds: 1e-6), lines.Add);

        Assert.Equal(10_000, result.N);           // the first chunk passes the budget, nothing more is added
        Assert.InRange(result.FlatRecall, 0.99, 1.0); // flat and the ground truth hold the same 10,000 vectors (a tie may swap 1 of 150 results)
        Assert.InRange(result.HnswRecall, 0.5, 1.0);
        Assert.Contains(lines, l => l.Contains("10000 of 25000 vectors indexed"));
        Assert.StartsWith("vectors: n=10000 ", result.ToString());
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
