using JobRec.Grains.Inference;

namespace JobRec.Grains.Tests.Inference;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task Concurrent_requests_share_batches_and_keep_their_order()
    {
        // The first model call holds the loop until all 64 requests are queued; every later batch then fills up to the max at once.
        var batchSizes = new List<int>();
        using var allQueued = new ManualResetEventSlim();
        await using var batcher = new MicroBatcher<int, int>(items =>
        {
            lock (batchSizes)
            {
                batchSizes.Add(items.Count);
            }

            Assert.True(allQueued.Wait(TimeSpan.FromSeconds(60)), "the requests were never all queued");
            return items.Select(i => i * 10).ToArray();
        }, TimeSpan.FromMilliseconds(5), maxBatch: 16);

        var tasks = Enumerable.Range(0, 64).Select(i => batcher.SubmitAsync([i, i + 1000])).ToArray();
        allQueued.Set();
        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(new[] { i * 10, (i + 1000) * 10 }, results[i]);
        }

        Assert.Equal(128, batcher.Items);
        // The first batch holds what had arrived when the loop woke (1 to 8 requests); the other 120+ items come 8 requests (16 items) a batch.
        Assert.InRange(batcher.Batches, 8, 9);
        Assert.All(batchSizes.Skip(1).SkipLast(1), s => Assert.Equal(16, s));
        Assert.All(batchSizes, s => Assert.True(s <= 16 + 1, $"batch of {s} items exceeds the max"));
    }

    [Fact]
    public async Task A_model_failure_fails_its_batch_and_the_batcher_keeps_serving()
    {
        await using var batcher = new MicroBatcher<int, int>(
            items => items.Contains(-1) ? throw new InvalidOperationException("bad item") : items.ToArray(), TimeSpan.Zero, 8);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync([-1]));
        Assert.Equal("bad item", ex.Message);
        var seven = await batcher.SubmitAsync([7]);
        Assert.Equal(new[] { 7 }, seven);
    }

    [Fact]
    public async Task A_model_returning_the_wrong_count_is_reported()
    {
        await using var batcher = new MicroBatcher<int, int>(_ => [1], TimeSpan.Zero, 8);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync([1, 2]));
        Assert.Contains("1 results for 2 items", ex.Message);
    }
}
