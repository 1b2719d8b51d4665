using JobRec.Actors.Tests.TestGrains;

namespace JobRec.Actors.Tests;

public sealed class ActivationTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public ActivationTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task One_activation_per_key_under_1000_concurrent_calls()
    {
        var key = "single-" + Guid.NewGuid();
        var identities = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => _fixture.Grains.GetGrain<ICounterGrain>(key).WhoAmI())));

        Assert.Single(identities.Distinct());
        Assert.Equal(1, _fixture.Log.Activations[key]);
        var stats = _fixture.Cluster.Runtime.GetStatistics();
        Assert.Contains(stats.GrainTypes, s => s.GrainType == typeof(CounterGrain).FullName && s.Activations >= 1);
    }

    [Fact]
    public async Task Turns_do_not_interleave_inside_an_awaiting_read_modify_write()
    {
        var grain = _fixture.Grains.GetGrain<ICounterGrain>("turns-" + Guid.NewGuid());
        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => grain.IncrementSlowly()));

        Assert.Equal(1000, await grain.Get());
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
    }

    [Fact]
    public async Task DeactivateOnIdle_runs_OnDeactivateAsync_and_next_call_makes_a_new_activation()
    {
        var key = "deact-" + Guid.NewGuid();
        var grain = _fixture.Grains.GetGrain<ICounterGrain>(key);
        var first = await grain.WhoAmI();
        await grain.Deactivate();
        await WaitUntil(() => _fixture.Log.Deactivations.GetValueOrDefault(key) == 1);
        var second = await grain.WhoAmI();

        Assert.NotEqual(first, second);
        Assert.Equal(2, _fixture.Log.Activations[key]);
    }

    [Fact]
    public async Task Unknown_interface_and_empty_key_fail_with_clear_errors()
    {
        var unknown = Assert.Throws<UnknownGrainInterfaceException>(() => _fixture.Grains.GetGrain<IUnregisteredGrain>("x"));
        Assert.Contains(typeof(IUnregisteredGrain).FullName!, unknown.Message);

        var empty = Assert.Throws<ArgumentException>(() => _fixture.Grains.GetGrain<ICounterGrain>(""));
        Assert.Contains("non-empty", empty.Message);

        Assert.Equal("pong", await _fixture.Grains.GetGrain<IChainGrain>("still-serving").Ping());
    }

    [Fact]
    public async Task Stateless_worker_pool_never_exceeds_maxLocal_activations()
    {
        var worker = _fixture.Grains.GetGrain<IWorkerGrain>("pool");
        var instances = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => worker.Work(15)));

        Assert.InRange(WorkerGrain.MaxRunning, 2, 3);
        Assert.InRange(instances.Distinct().Count(), 2, 3);
        var stats = _fixture.Cluster.Runtime.GetStatistics().GrainTypes.Single(s => s.GrainType == typeof(WorkerGrain).FullName);
        Assert.InRange(stats.Activations, 1, 3);
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_of_the_grain()
    {
        var ticker = _fixture.Grains.GetGrain<ITickerGrain>("ticker-" + Guid.NewGuid());
        await ticker.Start(10);
        var (ticks, overlapped) = (0, false);
        for (var i = 0; i < 10; i++)
        {
            (ticks, overlapped) = await ticker.Read(20);
        }

        Assert.True(ticks >= 3, $"only {ticks} ticks in 200 ms");
        Assert.False(overlapped);
    }

    internal static async Task WaitUntil(Func<bool> condition, int timeoutMs = 5000)
    {
        var until = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < until, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
