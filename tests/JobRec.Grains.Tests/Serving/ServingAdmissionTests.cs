using JobRec.Contracts;
using JobRec.Grains.Hosting;

namespace JobRec.Grains.Tests.Serving;

public sealed class ServingAdmissionTests
{
    [Fact]
    public async Task Waiters_get_their_turn_in_arrival_order_as_turns_free()
    {
        using var admission = new ServingAdmission(maxConcurrent: 2, queueLimit: 10);
        var first = await admission.EnterAsync("recommend");
        var second = await admission.EnterAsync("recommend");
        var order = new List<int>();
        var waiters = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await Task.Delay(20 * i); // arrive in order 0, 1, 2, 3
            using var turn = await admission.EnterAsync("recommend");
            lock (order)
            {
                order.Add(i);
            }
        })).ToArray();

        await WaitUntil(() => admission.Queued == 4);
        Assert.Equal(2, admission.Running);
        Assert.Empty(order);

        first.Dispose();
        await WaitUntil(() => order.Count == 4);
        second.Dispose();
        await Task.WhenAll(waiters);

        Assert.Equal([0, 1, 2, 3], order);
        Assert.Equal(0, admission.Running);
    }

    [Fact]
    public async Task Past_the_queue_limit_a_request_is_refused_naming_the_operation()
    {
        using var admission = new ServingAdmission(maxConcurrent: 1, queueLimit: 1);
        var running = await admission.EnterAsync("recommend");
        var queued = admission.EnterAsync("recommend").AsTask();

        var refused = await Assert.ThrowsAsync<ServingOverloadedException>(() => admission.EnterAsync("search").AsTask());
        Assert.Equal("search", refused.Operation);
        Assert.Contains("1 requests are already queued", refused.Message, StringComparison.Ordinal);
        Assert.False(queued.IsCompleted);

        running.Dispose();
        (await queued).Dispose();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, -1)]
    public void Bad_limits_are_refused(int maxConcurrent, int queueLimit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServingAdmission(maxConcurrent, queueLimit));

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(5);
        }
    }
}
