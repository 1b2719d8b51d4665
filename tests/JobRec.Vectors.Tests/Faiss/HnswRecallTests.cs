using JobRec.Vectors.Benchmarks;
using JobRec.Vectors.Exact;
using JobRec.Vectors.Faiss;

namespace JobRec.Vectors.Tests.Faiss;

public sealed class HnswRecallTests
{
    public HnswRecallTests() => FaissFixture.RequireShim();

    [Fact]
    public void Hnsw_recall_at_10_against_exact_on_random_unit_vectors_is_high()
    {
        const int dim = 64;
        var data = TestVectors.Unit(4000, dim, seed: 41);
        var queries = TestVectors.Unit(200, dim, seed: 42);
        var ids = TestVectors.Ids(4000);
        using var exact = new ExactInnerProductIndex(dim);
        using var hnsw = FaissIndex.CreateHnsw(dim, new HnswParameters(16, 100, 128));
        exact.Add(data, ids);
        hnsw.Add(data, ids);

        var truth = exact.Search(queries, 10);
        var recall = VectorIndexBenchmark.Recall(truth, hnsw.Search(queries, 10), 200, 10);

        Assert.True(recall >= 0.95, $"HNSW recall@10 {recall:F4} is below 0.95");

        // A starved search breadth must cost recall, otherwise the measurement is not measuring anything.
        hnsw.SetEfSearch(10);
        var starved = VectorIndexBenchmark.Recall(truth, hnsw.Search(queries, 10), 200, 10);
        Assert.True(starved < recall, $"efSearch=10 recall {starved:F4} is not below efSearch=128 recall {recall:F4}");
    }

    [Fact]
    public void Hnsw_recall_stays_high_after_removing_a_tenth_of_the_vectors()
    {
        const int dim = 32;
        var data = TestVectors.Unit(3000, dim, seed: 43);
        var queries = TestVectors.Unit(100, dim, seed: 44);
        var ids = TestVectors.Ids(3000);
        using var exact = new ExactInnerProductIndex(dim);
        using var hnsw = FaissIndex.CreateHnsw(dim, new HnswParameters(16, 100, 128));
        exact.Add(data, ids);
        hnsw.Add(data, ids);
        var removed = ids.Where(id => id % 10 == 0).ToArray();
        exact.Remove(removed);
        hnsw.Remove(removed);

        var recall = VectorIndexBenchmark.Recall(exact.Search(queries, 10), hnsw.Search(queries, 10), 100, 10);

        Assert.Equal(2700, hnsw.Count);
        Assert.Equal(3000, hnsw.StoredCount);
        Assert.True(recall >= 0.95, $"HNSW recall@10 after removals {recall:F4} is below 0.95");
    }
}
