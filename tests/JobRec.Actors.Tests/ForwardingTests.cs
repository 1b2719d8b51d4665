using JobRec.Actors.Runtime;
using JobRec.Actors.Testing;
using JobRec.Actors.Tests.TestGrains;
using JobRec.Actors.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Actors.Tests;

/// <summary>Two silos in one process: keys starting with "b" live on silo B, the rest on silo A.</summary>
public sealed class ForwardingTests : IAsyncLifetime
{
    private readonly PrefixPlacement _placementA = new("b");
    private readonly PrefixPlacement _placementB = new("b") { IsSiloB = true };
    private InProcessTestCluster _a = null!;
    private InProcessTestCluster _b = null!;

    public async Task InitializeAsync()
    {
        _a = await Start(_placementA);
        _b = await Start(_placementB);
        _placementA.Other = _b.GatewayAddress;
        _placementB.Other = _a.GatewayAddress;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Call_to_a_grain_placed_on_another_silo_is_forwarded_and_runs_there()
    {
        var counter = _a.GrainFactory.GetGrain<ICounterGrain>("b-1");
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => counter.IncrementSlowly()));

        Assert.Equal(50, await counter.Get());
        Assert.Equal(50, await _b.GrainFactory.GetGrain<ICounterGrain>("b-1").Get());
        Assert.Equal(0, Activations(_a, typeof(CounterGrain)));
        Assert.Equal(1, Activations(_b, typeof(CounterGrain)));
    }

    [Fact]
    public async Task Cycle_across_silos_is_detected_from_the_chain_carried_on_the_wire()
    {
        var e = await Assert.ThrowsAsync<DeadlockException>(() => _a.GrainFactory.GetGrain<IChainGrain>("a-1").Next(["b-2", "a-1"]));
        Assert.Contains("/a-1", e.Message);
        Assert.Equal("a-1>b-2>a-3", await _a.GrainFactory.GetGrain<IChainGrain>("a-1").Next(["b-2", "a-3"]));
    }

    [Fact]
    public async Task Moved_answer_refreshes_placement_and_the_call_is_retried()
    {
        _placementA.ForceRemoteOnce = "a-moved"; // A wrongly believes B hosts a-moved; B knows it does not and answers "moved"
        var grain = _a.GrainFactory.GetGrain<ICounterGrain>("a-moved");

        Assert.Equal(1, await grain.IncrementSlowly());
        Assert.Equal(1, _placementA.MovedCount);
        Assert.Equal(1, Activations(_a, typeof(CounterGrain)));
        Assert.Equal(0, Activations(_b, typeof(CounterGrain)));
    }

    private static int Activations(InProcessTestCluster silo, Type grainClass) =>
        silo.Runtime.GetStatistics().GrainTypes.FirstOrDefault(s => s.GrainType == grainClass.FullName)?.Activations ?? 0;

    private static Task<InProcessTestCluster> Start(PrefixPlacement placement) =>
        ClusterFixture.StartAsync(new ActivationLog(), o =>
        {
            var log = new ActivationLog();
            o.ConfigureServices = services =>
            {
                services.AddSingleton(log);
                services.AddSingleton<IGrainPlacement>(placement);
                services.AddSingleton<ISiloMessageTransport, GatewaySiloTransport>();
            };
        });

    private sealed class PrefixPlacement(string remotePrefix) : IGrainPlacement
    {
        public bool IsSiloB { get; init; }

        public string? Other { get; set; }

        public string? ForceRemoteOnce { get; set; }

        public int MovedCount { get; private set; }

        public GrainLocation Locate(GrainId grainId)
        {
            if (ForceRemoteOnce == grainId.Key)
            {
                return GrainLocation.Remote(Other!);
            }

            var onB = grainId.Key.StartsWith(remotePrefix, StringComparison.Ordinal);
            return onB == IsSiloB ? GrainLocation.Local : GrainLocation.Remote(Other!);
        }

        public void OnMoved(GrainId grainId)
        {
            MovedCount++;
            ForceRemoteOnce = null;
        }
    }
}
