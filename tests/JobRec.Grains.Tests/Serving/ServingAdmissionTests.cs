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
        // Queued one after another from this thread, so their arrival order is known.
        var waiters = Enumerable.Range(0, 4).Select(_ => admission.EnterAsync("recommend").AsTask()).ToList();

        Assert.Equal(4, admission.Queued);
        Assert.Equal(2, admission.Running);
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        first.Dispose();
        var turn = await waiters[0].WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i < waiters.Count; i++)
        {
            Assert.All(waiters.Skip(i), w => Assert.False(w.IsCompleted)); // only the oldest waiter got the freed turn
            turn.Dispose();
            turn = await waiters[i].WaitAsync(TimeSpan.FromSeconds(10));
        }

        turn.Dispose();
        second.Dispose();
        Assert.Equal(0, admission.Running);
        Assert.Equal(0, admission.Queued);
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
}
