using JobRec.Grains.Inference;

namespace JobRec.Grains.Tests.Inference;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task ConcurrentRequestsShareBatchesAndKeepTheirOrder()
    {
        var batchSizes = new List<int>();
        await using var batcher = new MicroBatcher<int, int>(items =>
        {
            lock (batchSizes)
            {
                batchSizes.Add(items.Count);
            }

            Thread.Sleep(5); // a model call takes a while, so requests pile up behind it
            return items.Select(i => i * 10).ToArray();
        }, TimeSpan.FromMilliseconds(5), maxBatch: 16);

        var tasks = Enumerable.Range(0, 64).Select(i => Task.Run(() => batcher.SubmitAsync([i, i + 1000]))).ToArray();
        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(new[] { i * 10, (i + 1000) * 10 }, results[i]);
        }

        Assert.Equal(128, batcher.Items);
        Assert.True(batcher.Batches < 64, $"expected batching, got {batcher.Batches} batches for 64 requests");
        Assert.All(batchSizes, s => Assert.True(s <= 16 + 1, $"batch of {s} items exceeds the max"));
    }

    [Fact]
    public async Task AModelFailureFailsItsBatchAndTheBatcherKeepsServing()
    {
        await using var batcher = new MicroBatcher<int, int>(
            items => items.Contains(-1) ? throw new InvalidOperationException("bad item") : items.ToArray(), TimeSpan.Zero, 8);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync([-1]));
        Assert.Equal("bad item", ex.Message);
        var seven = await batcher.SubmitAsync([7]);
        Assert.Equal(new[] { 7 }, seven);
    }

    [Fact]
    public async Task AModelReturningTheWrongCountIsReported()
    {
        await using var batcher = new MicroBatcher<int, int>(_ => [1], TimeSpan.Zero, 8);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync([1, 2]));
        Assert.Contains("1 results for 2 items", ex.Message);
    }
}
