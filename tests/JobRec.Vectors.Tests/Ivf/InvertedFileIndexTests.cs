using JobRec.Vectors.Exact;
using JobRec.Vectors.Ivf;

namespace JobRec.Vectors.Tests.Ivf;

public sealed class InvertedFileIndexTests
{
    private const int Dim = 32;

    [Fact]
    public void Below_the_training_size_it_is_exact()
    {
        var vectors = TestVectors.Unit(300, Dim, seed: 3);
        var queries = TestVectors.Unit(20, Dim, seed: 4);
        using var ivf = new InvertedFileIndex(Dim, new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 1000 });
        using var exact = new ExactInnerProductIndex(Dim, 1);
        ivf.Add(vectors, TestVectors.Ids(300));
        exact.Add(vectors, TestVectors.Ids(300));

        Assert.False(ivf.IsClustered);
        Assert.Equal(1, ivf.ListCount);
        SearchAssert.SameUpToTies(exact.Search(queries, 10), ivf.Search(queries, 10));
    }

    [Fact]
    public void Clusters_once_large_enough_and_finds_the_nearest_vectors()
    {
        var vectors = TestVectors.Unit(4000, Dim, seed: 5);
        using var ivf = new InvertedFileIndex(Dim, new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 500 });
        for (var start = 0; start < 4000; start += 500)
        {
            ivf.Add(vectors.AsSpan(start * Dim, 500 * Dim), TestVectors.Ids(500, start));
        }

        Assert.True(ivf.IsClustered);
        Assert.Equal(4000, ivf.Count);
        Assert.True(ivf.ListCount > 1);

        // A stored vector is its own best match (inner product 1 with itself), whatever list it landed in.
        for (var i = 0; i < 4000; i += 97)
        {
            var result = ivf.Search(vectors.AsSpan(i * Dim, Dim), 1);
            Assert.Equal(i, result.Ids[0]);
            Assert.Equal(1f, result.Scores[0], 4);
        }
    }

    [Fact]
    public void Removed_vectors_are_never_returned_and_others_stay_findable()
    {
        var vectors = TestVectors.Unit(3000, Dim, seed: 6);
        using var ivf = new InvertedFileIndex(Dim, new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 1000 });
        ivf.Add(vectors, TestVectors.Ids(3000));
        var removed = Enumerable.Range(0, 3000).Where(i => i % 3 == 0).Select(i => (long)i).ToArray();

        Assert.Equal(removed.Length, ivf.Remove(removed));
        Assert.Equal(0, ivf.Remove(removed));
        Assert.Equal(3000 - removed.Length, ivf.Count);
        for (var i = 0; i < 3000; i += 31)
        {
            var result = ivf.Search(vectors.AsSpan(i * Dim, Dim), 5);
            Assert.DoesNotContain(result.Ids, id => id >= 0 && id % 3 == 0);
            if (i % 3 != 0)
            {
                Assert.Equal(i, result.Ids[0]);
            }
        }
    }

    [Fact]
    public void Large_k_probes_beyond_the_nearest_lists_without_repeating_any_list()
    {
        var vectors = TestVectors.Unit(3000, Dim, seed: 8);
        var queries = TestVectors.Unit(5, Dim, seed: 10);
        using var ivf = new InvertedFileIndex(Dim, new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 1000 });
        using var exact = new ExactInnerProductIndex(Dim, 1);
        ivf.Add(vectors, TestVectors.Ids(3000));
        exact.Add(vectors, TestVectors.Ids(3000));

        // 1000 results x 4 scanned per result covers every list: the answer is the exact one up to tied scores, each id once.
        var approx = ivf.Search(queries, 1000);
        SearchAssert.SameUpToTies(exact.Search(queries, 1000), approx);
        for (var q = 0; q < 5; q++)
        {
            Assert.Equal(1000, approx.Ids.AsSpan(q * 1000, 1000).ToArray().Distinct().Count());
        }
    }

    [Fact]
    public void When_k_exceeds_what_it_holds_missing_slots_are_minus_one()
    {
        using var ivf = new InvertedFileIndex(Dim);
        ivf.Add(TestVectors.Unit(3, Dim), TestVectors.Ids(3));
        var result = ivf.Search(TestVectors.Unit(1, Dim, seed: 9), 5);
        Assert.Equal(3, result.Ids.Count(id => id >= 0));
        Assert.Equal([-1L, -1L], result.Ids[3..]);
    }

    [Fact]
    public void Bad_input_is_rejected_with_what_was_wrong()
    {
        using var ivf = new InvertedFileIndex(Dim);
        ivf.Add(TestVectors.Unit(2, Dim), [10, 11]);
        Assert.Contains("already in the index", Assert.Throws<ArgumentException>(() => ivf.Add(TestVectors.Unit(1, Dim), [10])).Message);
        Assert.Contains("repeats", Assert.Throws<ArgumentException>(() => ivf.Add(TestVectors.Unit(2, Dim), [12, 12])).Message);
        Assert.Throws<ArgumentException>(() => ivf.Search(new float[Dim - 1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ivf.Search(new float[Dim], 0));
        var options = Assert.Throws<ArgumentOutOfRangeException>(() => new InvertedFileIndex(Dim, new InvertedFileOptions { MinProbes = 0 }));
        Assert.Contains("MinProbes", options.Message);
    }

    [Fact]
    public void Int8_lists_find_about_the_same_neighbours_as_float_lists_with_scores_close_to_exact()
    {
        const int dim = 128;
        var vectors = new JobRec.Vectors.Benchmarks.UnitVectorGenerator(dim, 21, JobRec.Vectors.Benchmarks.VectorDistribution.Clustered, clusters: 60).Next(6000);
        var queries = new JobRec.Vectors.Benchmarks.UnitVectorGenerator(dim, 22, JobRec.Vectors.Benchmarks.VectorDistribution.Clustered, clusters: 60).Next(50);
        var options = new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 1000 };
        using var floats = new InvertedFileIndex(dim, options);
        using var codes = new InvertedFileIndex(dim, options with { Encoding = InvertedListEncoding.Int8 });
        using var exact = new ExactInnerProductIndex(dim, 1);
        for (var start = 0; start < 6000; start += 1500)
        {
            var rows = vectors.AsSpan(start * dim, 1500 * dim);
            floats.Add(rows, TestVectors.Ids(1500, start));
            codes.Add(rows, TestVectors.Ids(1500, start));
        }

        exact.Add(vectors, TestVectors.Ids(6000));
        Assert.True(codes.IsClustered);
        Assert.Equal(floats.ListCount, codes.ListCount);

        const int k = 20;
        var truth = exact.Search(queries, k);
        var fromFloats = floats.Search(queries, k);
        var fromCodes = codes.Search(queries, k);
        double Recall(JobRec.Vectors.Index.SearchResult r) =>
            Enumerable.Range(0, 50).Sum(q => r.Ids.AsSpan(q * k, k).ToArray().Intersect(truth.Ids.AsSpan(q * k, k).ToArray()).Count()) / (50.0 * k);

        Assert.InRange(Recall(fromCodes), Recall(fromFloats) - 0.02, 1.0);
        for (var q = 0; q < 50; q++)
        {
            for (var i = 0; i < k; i++)
            {
                var id = fromCodes.Ids[(q * k) + i];
                var exactScore = JobRec.Vectors.Index.DotProduct.Of(queries.AsSpan(q * dim, dim), vectors.AsSpan((int)id * dim, dim));
                Assert.InRange(fromCodes.Scores[(q * k) + i], exactScore - 4e-3f, exactScore + 4e-3f); // 128-d: larger values, coarser steps
            }
        }
    }

    [Fact]
    public void Int8_lists_keep_removals_and_reclustering_right()
    {
        var vectors = TestVectors.Unit(3000, Dim, seed: 23);
        using var ivf = new InvertedFileIndex(Dim, new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 1000, Encoding = InvertedListEncoding.Int8 });
        ivf.Add(vectors.AsSpan(0, 1200 * Dim), TestVectors.Ids(1200));
        ivf.Add(vectors.AsSpan(1200 * Dim), TestVectors.Ids(1800, 1200)); // grows past 2x: clusters again from the decoded codes
        var removed = Enumerable.Range(0, 3000).Where(i => i % 4 == 0).Select(i => (long)i).ToArray();

        Assert.Equal(removed.Length, ivf.Remove(removed));
        for (var i = 1; i < 3000; i += 37)
        {
            var result = ivf.Search(vectors.AsSpan(i * Dim, Dim), 1);
            Assert.NotEqual(0, result.Ids[0] % 4); // removed ids never come back
            if (i % 4 != 0)
            {
                Assert.Equal(i, result.Ids[0]); // a held vector is still its own best match
            }
        }
    }

    [Fact]
    public void Int8_lists_refuse_dimensions_their_integer_sums_cannot_hold()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new InvertedFileIndex(5000, new InvertedFileOptions { Encoding = InvertedListEncoding.Int8 }));
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
    }
}
