using JobRec.Vectors.Exact;
using JobRec.Vectors.Index;

namespace JobRec.Vectors.Tests.Exact;

public sealed class ExactInnerProductIndexTests
{
    [Fact]
    public void Search_matches_a_naive_scan_for_every_query()
    {
        const int dim = 24;
        var data = TestVectors.Unit(700, dim, seed: 3);
        var queries = TestVectors.Unit(37, dim, seed: 4);
        var ids = TestVectors.Ids(700, first: 1000);
        using var index = new ExactInnerProductIndex(dim);
        index.Add(data, ids);

        var result = index.Search(queries, 5);

        // The oracle: every inner product in double precision, best five by score then id.
        var expectedIds = new long[37 * 5];
        var expectedScores = new float[37 * 5];
        for (var q = 0; q < 37; q++)
        {
            var expected = Enumerable.Range(0, 700)
                .Select(r => (Id: ids[r], Score: Enumerable.Range(0, dim).Sum(i => (double)queries[(q * dim) + i] * data[(r * dim) + i])))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id).Take(5).ToArray();
            for (var r = 0; r < 5; r++)
            {
                expectedIds[(q * 5) + r] = expected[r].Id;
                expectedScores[(q * 5) + r] = (float)expected[r].Score;
            }
        }

        SearchAssert.SameUpToTies(new SearchResult(expectedIds, expectedScores, 5), result);
    }

    [Fact]
    public void Remove_drops_ids_and_keeps_the_rest_searchable()
    {
        const int dim = 8;
        var data = TestVectors.Unit(50, dim);
        using var index = new ExactInnerProductIndex(dim);
        index.Add(data, TestVectors.Ids(50));

        Assert.Equal(2, index.Remove([3, 10, 999]));
        Assert.Equal(48, index.Count);

        // The vector of id 49 moved into a freed row; it must still find itself.
        var self = index.Search(data.AsSpan(49 * dim, dim), 1);
        Assert.Equal(49, self.Ids[0]);
        var removed = index.Search(data.AsSpan(3 * dim, dim), 48);
        Assert.DoesNotContain(3L, removed.Ids);
        Assert.DoesNotContain(10L, removed.Ids);
    }

    [Fact]
    public void K_larger_than_count_pads_with_minus_one()
    {
        using var index = new ExactInnerProductIndex(4);
        index.Add(TestVectors.Unit(2, 4), [5, 6]);

        var result = index.Search(TestVectors.Unit(1, 4, seed: 9), 4);

        Assert.Equal(2, result.Ids.Count(id => id >= 0));
        Assert.Equal(-1, result.Ids[3]);
    }

    [Fact]
    public void Duplicate_ids_are_rejected_with_their_position()
    {
        using var index = new ExactInnerProductIndex(4);
        index.Add(TestVectors.Unit(2, 4), [1, 2]);

        var existing = Assert.Throws<ArgumentException>(() => index.Add(TestVectors.Unit(1, 4), [2]));
        Assert.Contains("id 2 at position 0 is already in the index", existing.Message);
        var repeated = Assert.Throws<ArgumentException>(() => index.Add(TestVectors.Unit(2, 4), [7, 7]));
        Assert.Contains("position 1 repeats", repeated.Message);
        Assert.Equal(2, index.Count);
    }
}
