using JobRec.Vectors.Ivf;

namespace JobRec.Vectors.Tests.Ivf;

/// <summary>Re-clustering runs beside the live index: writes and searches go on while it runs, and what they changed is in the index it swaps in.</summary>
public sealed class InvertedFileMaintenanceTests
{
    private const int Dim = 32;

    [Fact]
    public void Writes_and_searches_go_on_while_reclustering_is_paused_and_land_in_the_swapped_index()
    {
        var vectors = TestVectors.Unit(4000, Dim, seed: 31);
        using var ivf = new InvertedFileIndex(Dim, new InvertedFileOptions { MinTrainSize = 1000 });
        using var trained = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        ivf.AfterTraining = () =>
        {
            trained.Set();
            // Holds the re-clustering between k-means and the copy; a test that never releases it fails below, not here.
            release.Wait(TimeSpan.FromSeconds(60));
        };

        ivf.Add(vectors.AsSpan(0, 1000 * Dim), TestVectors.Ids(1000)); // reaches MinTrainSize: the first clustering starts
        Assert.True(trained.Wait(TimeSpan.FromSeconds(60)), "the re-clustering never finished k-means");
        Assert.True(ivf.IsMaintaining);

        // While it is held: adds (also repeated removal and re-adding of one id with a new vector), removals and searches all answer.
        ivf.Add(vectors.AsSpan(1000 * Dim, 1500 * Dim), TestVectors.Ids(1500, 1000));
        var removed = Enumerable.Range(0, 2500).Where(i => i % 5 == 0).Select(i => (long)i).ToArray();
        Assert.Equal(removed.Length, ivf.Remove(removed));
        Assert.Equal(1, ivf.Remove([1]));
        ivf.Add(vectors.AsSpan(3999 * Dim, Dim), [1]); // id 1 now holds vector 3999
        Assert.Equal(2500 - removed.Length, ivf.Count);
        Assert.Equal(7, ivf.Search(vectors.AsSpan(7 * Dim, Dim), 1).Ids[0]);
        Assert.True(ivf.IsMaintaining);
        Assert.False(ivf.IsClustered);

        release.Set();
        ivf.WaitForMaintenance();

        Assert.False(ivf.IsMaintaining);
        Assert.True(ivf.IsClustered);
        Assert.Equal(2500 - removed.Length, ivf.Count);
        for (var i = 0; i < 2500; i++)
        {
            var result = ivf.Search(vectors.AsSpan(i * Dim, Dim), 1);
            if (i % 5 == 0)
            {
                Assert.NotEqual(i, result.Ids[0]);
            }
            else if (i != 1)
            {
                Assert.Equal(i, result.Ids[0]);
            }
        }

        Assert.Equal(1, ivf.Search(vectors.AsSpan(3999 * Dim, Dim), 1).Ids[0]);
        Assert.NotEqual(1, ivf.Search(vectors.AsSpan(1 * Dim, Dim), 1).Ids[0]);
    }

    [Theory]
    [InlineData(InvertedListEncoding.Float32)]
    [InlineData(InvertedListEncoding.Int8)]
    public void Concurrent_writers_during_background_reclustering_lose_nothing(InvertedListEncoding encoding)
    {
        const int n = 6000;
        var vectors = TestVectors.Unit(n, Dim, seed: 32);
        using var ivf = new InvertedFileIndex(Dim, new InvertedFileOptions { MinTrainSize = 500, Encoding = encoding });
        var removed = new bool[n];
        // Four writers add their quarter in small batches and remove every seventh id they added, while re-clusterings run (500, 1000, 2000, 4000).
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, w =>
        {
            for (var start = w * (n / 4); start < (w + 1) * (n / 4); start += 50)
            {
                ivf.Add(vectors.AsSpan(start * Dim, 50 * Dim), TestVectors.Ids(50, start));
                var gone = Enumerable.Range(start, 50).Where(i => i % 7 == 0).Select(i => (long)i).ToArray();
                Assert.Equal(gone.Length, ivf.Remove(gone));
                foreach (var id in gone)
                {
                    removed[id] = true;
                }

                ivf.Search(vectors.AsSpan(start * Dim, Dim), 3);
            }
        });
        ivf.WaitForMaintenance();

        Assert.True(ivf.IsClustered);
        Assert.Equal(removed.Count(r => !r), ivf.Count);
        for (var i = 0; i < n; i++)
        {
            var top = ivf.Search(vectors.AsSpan(i * Dim, Dim), 1).Ids[0];
            Assert.False(removed[top], $"removed id {top} came back");
            if (!removed[i])
            {
                Assert.Equal(i, top);
            }
        }
    }

    [Fact]
    public void Inline_maintenance_builds_the_same_index_every_time()
    {
        var vectors = TestVectors.Unit(3000, Dim, seed: 33);
        var queries = TestVectors.Unit(20, Dim, seed: 34);
        var options = new InvertedFileOptions { MinTrainSize = 700, BackgroundMaintenance = false };
        using var a = new InvertedFileIndex(Dim, options);
        using var b = new InvertedFileIndex(Dim, options);
        for (var start = 0; start < 3000; start += 300)
        {
            a.Add(vectors.AsSpan(start * Dim, 300 * Dim), TestVectors.Ids(300, start));
            b.Add(vectors.AsSpan(start * Dim, 300 * Dim), TestVectors.Ids(300, start));
        }

        Assert.False(a.IsMaintaining);
        Assert.Equal(a.ListCount, b.ListCount);
        Assert.Equal(a.Search(queries, 10).Ids, b.Search(queries, 10).Ids);
    }
}
