using JobRec.Vectors.Exact;

namespace JobRec.Vectors.Tests.Exact;

public sealed class TopKHeapTests
{
    [Fact]
    public void Keeps_the_k_highest_scores_in_descending_order()
    {
        var heap = new TopKHeap(3);
        float[] scores = [0.1f, 0.9f, -0.5f, 0.7f, 0.3f, 0.95f];
        for (var i = 0; i < scores.Length; i++)
        {
            heap.Offer(scores[i], i);
        }

        var ids = new long[3];
        var best = new float[3];
        heap.DrainDescending(ids, best);

        Assert.Equal([5L, 1L, 3L], ids);
        Assert.Equal([0.95f, 0.9f, 0.7f], best);
    }

    [Fact]
    public void Pads_missing_slots_with_minus_one_and_breaks_ties_by_lower_id()
    {
        var heap = new TopKHeap(4);
        heap.Offer(0.5f, 7);
        heap.Offer(0.5f, 3);

        var ids = new long[4];
        var scores = new float[4];
        heap.DrainDescending(ids, scores);

        Assert.Equal([3L, 7L, -1L, -1L], ids);
        Assert.True(float.IsNegativeInfinity(scores[3]));
    }
}
