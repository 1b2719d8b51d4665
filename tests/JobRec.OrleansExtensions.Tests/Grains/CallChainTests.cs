using JobRec.OrleansExtensions.CallChains;
using JobRec.OrleansExtensions.Tests.TestGrains;
using Orleans.TestingHost;

namespace JobRec.OrleansExtensions.Tests.Grains;

/// <summary><see cref="CallChainFilter"/> on Orleans' in-process test cluster (two silos, so chains cross silos): a real cycle through a
/// non-reentrant grain fails at once with <see cref="CallChainDeadlockException"/>; chains without one, and cycles through grains that
/// interleave, run.</summary>
public sealed class CallChainTests : IAsyncLifetime
{
    // Without the filter a cycle waits for the response timeout (30 s by default) and ends in a TimeoutException, so the exception type
    // alone shows the filter answered; this is only a failure guard that keeps a broken filter from holding the test for the timeout.
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(10);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddJobRecCallChainDetection());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IChainGrain Grain(string hop) => ChainHops.Grain(_cluster.Client, hop);

    [Fact]
    public async Task A_cycle_back_to_a_waiting_grain_fails_at_once_naming_the_chain()
    {
        var e = await Assert.ThrowsAsync<CallChainDeadlockException>(() => Grain("x:a1").Hop(["x:b1", "x:c1", "x:a1"]).WaitAsync(FailFast));
        Assert.Contains("call-chain deadlock", e.Message, StringComparison.Ordinal);
        foreach (var key in new[] { "a1", "b1", "c1" })
        {
            Assert.Contains(key, e.Message, StringComparison.Ordinal);
        }

        // The grains are free again afterwards.
        Assert.Equal(3, await Grain("x:a1").Hop(["x:b1"]) + 1);
    }

    [Fact]
    public async Task A_grain_calling_itself_fails_at_once()
    {
        await Assert.ThrowsAsync<CallChainDeadlockException>(() => Grain("x:self").Hop(["x:self"]).WaitAsync(FailFast));
    }

    [Fact]
    public async Task A_cycle_through_a_stateless_worker_back_to_a_waiting_grain_is_caught()
    {
        await Assert.ThrowsAsync<CallChainDeadlockException>(() => Grain("x:a2").Hop(["w:any", "x:a2"]).WaitAsync(FailFast));
    }

    [Fact]
    public async Task Chains_without_a_cycle_and_cycles_through_reentrant_grains_run()
    {
        Assert.Equal(5, await Grain("x:a3").Hop(["x:b3", "w:w3", "x:c3", "x:d3"]));
        Assert.Equal(4, await Grain("r:a4").Hop(["x:b4", "r:a4", "x:c4"])); // r:a4 interleaves
        // The same grains called again from a new chain (the client) are not part of the old one.
        Assert.Equal(2, await Grain("x:b3").Hop(["x:a3"]));
    }

    [Fact]
    public async Task A_read_only_call_into_a_grain_waiting_in_a_read_only_turn_interleaves()
    {
        Assert.Equal(3, await Grain("x:a5").ReadHop(["x:b5", "x:a5"]));
        // A write call back into a waiting grain waits behind its turn, whatever that turn is: caught.
        await Assert.ThrowsAsync<CallChainDeadlockException>(() => Grain("x:a6").Hop(["x:b6", "x:a6"]).WaitAsync(FailFast));
    }
}
