using JobRec.Vectors.Exact;
using JobRec.Vectors.Faiss;

namespace JobRec.Vectors.Tests.Faiss;

public sealed class FaissIndexTests
{
    private const int Dim = 32;

    public FaissIndexTests() => FaissFixture.RequireShim();

    public static TheoryData<FaissIndexKind> Kinds => [FaissIndexKind.Flat, FaissIndexKind.Hnsw, FaissIndexKind.Ivf];

    internal static FaissIndex Create(FaissIndexKind kind, float[] trainOn)
    {
        switch (kind)
        {
            case FaissIndexKind.Flat:
                return FaissIndex.CreateFlat(Dim);
            case FaissIndexKind.Hnsw:
                return FaissIndex.CreateHnsw(Dim, new HnswParameters(16, 100, 64));
            default:
                var ivf = FaissIndex.CreateIvf(Dim, new IvfParameters(Nlist: 8, Nprobe: 8));
                ivf.Train(trainOn);
                return ivf;
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_vector_finds_itself_first_under_its_own_id(FaissIndexKind kind)
    {
        var data = TestVectors.Unit(500, Dim);
        using var index = Create(kind, data);
        index.Add(data, TestVectors.Ids(500, first: 10_000));

        var result = index.Search(data.AsSpan(0, 20 * Dim), 3);

        Assert.Equal(kind, index.Kind);
        Assert.Equal(500, index.Count);
        for (var q = 0; q < 20; q++)
        {
            Assert.Equal(10_000 + q, result.Ids[q * 3]);
            Assert.Equal(1f, result.Scores[q * 3], 4);
            Assert.True(result.Scores[(q * 3) + 1] <= result.Scores[q * 3]);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Removed_ids_never_come_back_and_can_be_added_again(FaissIndexKind kind)
    {
        var data = TestVectors.Unit(300, Dim, seed: 5);
        using var index = Create(kind, data);
        index.Add(data, TestVectors.Ids(300));

        Assert.Equal(3, index.Remove([0, 1, 2, 5000]));
        Assert.Equal(0, index.Remove([1]));
        Assert.Equal(297, index.Count);

        var result = index.Search(data.AsSpan(0, 3 * Dim), 10);
        Assert.DoesNotContain(0L, result.Ids);
        Assert.DoesNotContain(1L, result.Ids);
        Assert.DoesNotContain(2L, result.Ids);
        Assert.All(result.Ids, id => Assert.InRange(id, 3, 299));

        // Ids still present follow their vectors after the removal (the IVF id-map bug of FAISS 1.7.3 would break this).
        var survivors = index.Search(data.AsSpan(100 * Dim, 5 * Dim), 1);
        Assert.Equal([100L, 101L, 102L, 103L, 104L], survivors.Ids);

        index.Add(data.AsSpan(Dim, Dim), [1]);
        Assert.Equal(298, index.Count);
        Assert.Equal(1, index.Search(data.AsSpan(Dim, Dim), 1).Ids[0]);
    }

    [Fact]
    public void Flat_agrees_with_the_managed_exact_index()
    {
        var data = TestVectors.Unit(2000, Dim, seed: 11);
        var queries = TestVectors.Unit(50, Dim, seed: 12);
        var ids = TestVectors.Ids(2000, first: 7);
        using var flat = FaissIndex.CreateFlat(Dim);
        using var exact = new ExactInnerProductIndex(Dim);
        flat.Add(data, ids);
        exact.Add(data, ids);

        var a = flat.Search(queries, 10);
        var b = exact.Search(queries, 10);

        // FAISS sums in its own order (BLAS or its own SIMD): the same answer up to tied scores.
        SearchAssert.SameUpToTies(b, a, tolerance: 1e-4f);
    }

    [Fact]
    public void Missing_slots_hold_minus_one_and_negative_infinity()
    {
        using var index = FaissIndex.CreateFlat(Dim);
        index.Add(TestVectors.Unit(2, Dim), [40, 41]);

        var result = index.Search(TestVectors.Unit(1, Dim, seed: 2), 5);

        Assert.Equal(-1, result.Ids[4]);
        Assert.True(float.IsNegativeInfinity(result.Scores[4]));
        Assert.Equal(2, result.Ids.Count(id => id >= 0));
    }

    [Fact]
    public void Hnsw_fills_all_k_slots_even_when_k_exceeds_ef_search()
    {
        using var index = FaissIndex.CreateHnsw(Dim, new HnswParameters(8, 40, 4));
        index.Add(TestVectors.Unit(300, Dim), TestVectors.Ids(300));

        var result = index.Search(TestVectors.Unit(5, Dim, seed: 8), 50);

        Assert.All(result.Ids, id => Assert.InRange(id, 0, 299));
        Assert.Equal(5, Enumerable.Range(0, 5).Count(q => result.Ids.Skip(q * 50).Take(50).Distinct().Count() == 50));
    }

    [Fact]
    public void Hnsw_and_ivf_settings_are_reported_and_changeable()
    {
        var data = TestVectors.Unit(400, Dim);
        using var hnsw = FaissIndex.CreateHnsw(Dim, new HnswParameters(12, 80, 40));
        Assert.Equal(new HnswParameters(12, 80, 40), hnsw.Hnsw);
        hnsw.SetEfSearch(90);
        Assert.Equal(90, hnsw.Hnsw!.EfSearch);
        Assert.Throws<InvalidOperationException>(() => hnsw.SetNprobe(2));

        using var ivf = FaissIndex.CreateIvf(Dim, new IvfParameters(16, 2));
        Assert.False(ivf.IsTrained);
        ivf.Train(data);
        Assert.True(ivf.IsTrained);
        ivf.SetNprobe(5);
        Assert.Equal(new IvfParameters(16, 5), ivf.Ivf);
        Assert.Throws<ArgumentOutOfRangeException>(() => ivf.SetNprobe(17));
    }

    [Fact]
    public void Thread_count_is_process_wide_and_validated()
    {
        var before = FaissRuntime.ThreadCount;
        try
        {
            FaissRuntime.ThreadCount = 1;
            Assert.Equal(1, FaissRuntime.ThreadCount);
            using var index = FaissIndex.CreateFlat(Dim);
            index.Add(TestVectors.Unit(100, Dim), TestVectors.Ids(100));
            Assert.Equal(0, index.Search(TestVectors.Unit(100, Dim).AsSpan(0, Dim), 1).Ids[0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => FaissRuntime.ThreadCount = 0);
        }
        finally
        {
            FaissRuntime.ThreadCount = before;
        }
    }

    [Fact]
    public async Task Concurrent_searches_during_adds_return_consistent_results()
    {
        var data = TestVectors.Unit(2000, Dim, seed: 21);
        using var index = FaissIndex.CreateHnsw(Dim, new HnswParameters(16, 60, 64));
        index.Add(data.AsSpan(0, 1000 * Dim), TestVectors.Ids(1000));

        var searches = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                var row = ((t * 50) + i) % 1000;
                var result = index.Search(data.AsSpan(row * Dim, Dim), 1);
                Assert.Equal(row, result.Ids[0]);
            }
        })).ToArray();
        var adds = Task.Run(() =>
        {
            for (var batch = 0; batch < 10; batch++)
            {
                var first = 1000 + (batch * 100);
                index.Add(data.AsSpan(first * Dim, 100 * Dim), TestVectors.Ids(100, first));
            }
        });

        await Task.WhenAll([.. searches, adds]);
        Assert.Equal(2000, index.Count);
    }

    [Fact]
    public void Disposed_index_throws_object_disposed()
    {
        var index = FaissIndex.CreateFlat(Dim);
        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(new float[Dim], 1));
    }
}
