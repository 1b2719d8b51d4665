using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class HeadPairsTests
{
    // Two occupations (entries 0 and 1 are their titles), then alternate titles 2..6: owners 0, 0, 1, 1, 1. Entry e's vector is e+1 in every
    // component and description o's is -(o+1), so each copied row names where it came from.
    private static readonly int[] Owner = [0, 1, 0, 0, 1, 1, 1];
    private const int D = 3;

    private static float[] Rows(int count, Func<int, float> value) =>
        Enumerable.Range(0, count).SelectMany(r => Enumerable.Repeat(value(r), D)).ToArray();

    [Fact]
    public void Description_pairs_only_without_title_pairs()
    {
        var (anchors, positives, groups) = OnetClassifier.HeadPairs(Rows(7, e => e + 1), Rows(2, o => -(o + 1)), Owner, 2, D, titlePairs: false);
        Assert.Equal(5 * D, anchors.Length);
        Assert.Equal([0, 0, 1, 1, 1], groups);
        for (int p = 0; p < 5; p++)
        {
            Assert.Equal(p + 3, anchors[p * D]);
            Assert.Equal(-(Owner[p + 2] + 1), positives[p * D]);
        }
    }

    [Fact]
    public void Title_pairs_join_each_alternate_title_to_another_title_of_its_occupation()
    {
        var (anchors, positives, groups) = OnetClassifier.HeadPairs(Rows(7, e => e + 1), Rows(2, o => -(o + 1)), Owner, 2, D, titlePairs: true);
        Assert.Equal(10 * D, anchors.Length);
        Assert.Equal([0, 0, 1, 1, 1, 0, 0, 1, 1, 1], groups);
        for (int p = 0; p < 5; p++)
        {
            int entry = p + 2, q = p + 5;
            Assert.Equal(entry + 1, anchors[q * D]);
            int other = (int)positives[q * D] - 1;
            Assert.NotEqual(entry, other);
            Assert.Equal(Owner[entry], Owner[other]);
        }
        var again = OnetClassifier.HeadPairs(Rows(7, e => e + 1), Rows(2, o => -(o + 1)), Owner, 2, D, titlePairs: true);
        Assert.Equal(positives, again.Positives);
    }
}
