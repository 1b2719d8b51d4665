using System.Diagnostics;
using JobRec.Actors.Tests.TestGrains;

namespace JobRec.Actors.Tests;

public sealed class CallSemanticsTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public CallSemanticsTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Cycle_A_B_A_fails_within_one_second_with_DeadlockException()
    {
        var a = _fixture.Grains.GetGrain<IChainGrain>("A");
        // Activate A, B and C (and JIT the call path) first: the 1 s bound is for detecting the cycle,
        // not for first activation on a loaded CI machine.
        Assert.Equal("A>B>C", await a.Next(["B", "C"]));
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<DeadlockException>(() => a.Next(["B", "A"]));

        Assert.True(watch.ElapsedMilliseconds < 1000, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Contains("/A -> ", e.Message);
        Assert.Contains("/B -> ", e.Message);
        Assert.Equal("A>B>C", await a.Next(["B", "C"])); // A is usable again and a chain without a cycle works
    }

    [Fact]
    public async Task Self_call_of_a_non_reentrant_grain_is_a_deadlock()
    {
        var e = await Assert.ThrowsAsync<DeadlockException>(() => _fixture.Grains.GetGrain<IChainGrain>("self").Next(["self"]));
        Assert.Contains("self", e.Message);
    }

    [Fact]
    public async Task Slow_call_fails_at_its_method_timeout()
    {
        var grain = _fixture.Grains.GetGrain<IBehaviourGrain>("slow-" + Guid.NewGuid());
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.SlowWithShortTimeout(5000));

        Assert.InRange(watch.ElapsedMilliseconds, 250, 1500);
        Assert.Contains("300 ms", e.Message);
    }

    [Fact]
    public async Task Grain_exception_reaches_caller_with_type_and_message()
    {
        var grain = _fixture.Grains.GetGrain<IBehaviourGrain>("fail");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("boom 42"));
        Assert.Equal("boom 42", e.Message);
        Assert.Equal(5, await grain.Add(2, 3)); // the activation survives its exception
    }

    [Fact]
    public async Task All_return_shapes_work_in_process()
    {
        var grain = _fixture.Grains.GetGrain<IBehaviourGrain>("shapes");
        var payload = new Payload("x", [1, 2], new() { ["w"] = 0.5 });

        Assert.Equal("x!", (await grain.Echo(payload)).Name);
        Assert.Equal(7, await grain.Add(3, 4));
        await grain.Nothing();
        Assert.Null(await grain.Maybe(false));
        Assert.Equal(["a", "b"], (await grain.Maybe(true))!);
    }
}
