using JobRec.Vectors.Ivf;

namespace JobRec.Vectors.Tests.Ivf;

public sealed class InvertedFileMaxListsTests
{
    private const int Dim = 32;

    [Fact]
    public void The_list_count_stops_at_max_lists_and_searches_still_find_stored_vectors()
    {
        var vectors = TestVectors.Unit(4000, Dim, seed: 11);
        using var capped = new InvertedFileIndex(Dim, new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 500, MaxLists = 16 });
        using var free = new InvertedFileIndex(Dim, new InvertedFileOptions { BackgroundMaintenance = false, MinTrainSize = 500 });
        for (var start = 0; start < 4000; start += 500)
        {
            capped.Add(vectors.AsSpan(start * Dim, 500 * Dim), TestVectors.Ids(500, start));
            free.Add(vectors.AsSpan(start * Dim, 500 * Dim), TestVectors.Ids(500, start));
        }

        Assert.Equal(16, capped.ListCount);
        Assert.True(free.ListCount > 100, $"uncapped index has {free.ListCount} lists"); // 3 x sqrt(2000 or 4000)
        for (var i = 0; i < 4000; i += 131)
        {
            Assert.Equal(i, capped.Search(vectors.AsSpan(i * Dim, Dim), 1).Ids[0]);
        }
    }

    [Fact]
    public void A_max_lists_below_one_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new InvertedFileIndex(Dim, new InvertedFileOptions { MaxLists = 0 }));
        Assert.Contains("MaxLists", e.Message);
    }
}
