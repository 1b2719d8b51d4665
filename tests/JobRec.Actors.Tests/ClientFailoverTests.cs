using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using JobRec.Actors.Cluster;
using JobRec.Actors.Runtime;
using JobRec.Actors.Testing;
using JobRec.Actors.Tests.TestGrains;
using JobRec.Client;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Actors.Tests;

/// <summary>Client SDK across several gateways (in-process silos): learning the gateway list, failing over, bounded calls; and the runtime's retry of calls that cannot run yet.</summary>
public sealed class ClientFailoverTests
{
    [Fact]
    public async Task Client_given_one_gateway_learns_the_others_and_fails_over_when_it_dies()
    {
        var gateways = new StaticGatewayList();
        var b = await ClusterFixture.StartAsync(new ActivationLog(), o => o.ConfigureServices += s => s.AddSingleton<IGatewayListProvider>(gateways));
        await using var bOwner = b;
        var a = await ClusterFixture.StartAsync(new ActivationLog(), o => o.ConfigureServices += s => s.AddSingleton<IGatewayListProvider>(gateways));
        gateways.Gateways = [a.GatewayAddress, b.GatewayAddress];
        await using var client = await ClusterClient.ConnectAsync(a.GatewayAddress, o => o.RetryDelay = TimeSpan.FromMilliseconds(50));
        Assert.True(await client.RefreshGatewaysAsync());
        Assert.Equal(new[] { a.GatewayAddress, b.GatewayAddress }.Order(), client.KnownGateways.Order());
        Assert.Contains("/fail-1#", await client.GetGrain<ICounterGrain>("fail-1").WhoAmI());
        Assert.Equal(a.GatewayAddress, client.ConnectedGateway);

        await using (var listed = await ClusterClient.ConnectAsync($"127.0.0.1:1, {b.GatewayAddress}", o => o.LearnGateways = false))
        {
            Assert.Equal(b.GatewayAddress, listed.ConnectedGateway); // a comma-separated list ($JOBREC_GATEWAYS): the refused one is skipped
        }

        await a.DisposeAsync();
        await WaitUntilAsync(() => client.ConnectedGateway is null);
        Assert.Contains("/fail-1#", await client.GetGrain<ICounterGrain>("fail-1").WhoAmI());
        Assert.Equal(b.GatewayAddress, client.ConnectedGateway);
    }

    [Fact]
    public async Task A_call_to_a_gateway_that_accepts_but_never_answers_ends_at_its_timeout_and_the_next_call_fails_over()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await silent.AcceptSocketAsync()); // accept, never read or answer: a paused (SIGSTOP) gateway
            }
        });
        await using var real = await ClusterFixture.StartAsync(new ActivationLog());
        var silentEndpoint = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        await using var client = new ClusterClient(new ClientOptions
        {
            Gateways = [silentEndpoint, real.GatewayAddress],
            ResponseTimeout = TimeSpan.FromMilliseconds(700),
            LearnGateways = false,
        });

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => client.GetGrain<ICounterGrain>("silent").WhoAmI());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(15));
        Assert.Null(client.ConnectedGateway); // nothing arrived while the call waited: the connection was dropped

        Assert.Contains("/silent#", await client.GetGrain<ICounterGrain>("silent").WhoAmI());
        Assert.Equal(real.GatewayAddress, client.ConnectedGateway);
        foreach (var s in accepted.ToArray())
        {
            s.Dispose();
        }
    }

    [Fact]
    public async Task A_call_whose_partition_is_moving_waits_for_an_owner_within_its_timeout_and_fails_clearly_when_none_comes()
    {
        var placement = new SwitchablePlacement();
        await using var silo = await ClusterFixture.StartAsync(new ActivationLog(), o => o.ConfigureServices += s => s.AddSingleton<IGrainPlacement>(placement));
        await using var client = await ClusterClient.ConnectAsync(silo.GatewayAddress, o => o.ResponseTimeout = TimeSpan.FromSeconds(20));

        placement.Available = false;
        var call = client.GetGrain<ICounterGrain>("moving").WhoAmI();
        await WaitUntilAsync(() => placement.Refreshes > 0); // the call reached the silo and found no owner (a cold first call can take longer than a fixed delay)
        await Task.Delay(300);
        Assert.False(call.IsCompleted); // still waiting for an owner, not failed
        placement.Available = true; // the partition got its new owner: this silo
        Assert.Contains("/moving#", await call);
        Assert.True(placement.Refreshes > 0);

        placement.Available = false;
        await using var impatient = await ClusterClient.ConnectAsync(silo.GatewayAddress, o => o.ResponseTimeout = TimeSpan.FromMilliseconds(800));
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => impatient.GetGrain<ICounterGrain>("stuck").WhoAmI());
        Assert.True(e is PartitionUnavailableException or GrainCallTimeoutException, $"{e.GetType().Name}: {e.Message}");
        if (e is PartitionUnavailableException)
        {
            Assert.Contains("did not run", e.Message); // the usual outcome: the silo gives up a little before the client's own timeout
        }

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(20);
        }
    }

    private sealed class StaticGatewayList : IGatewayListProvider
    {
        public IReadOnlyList<string> Gateways { get; set; } = [];

        public IReadOnlyList<string> GetGateways() => Gateways;
    }

    private sealed class SwitchablePlacement : IGrainPlacement
    {
        private int _refreshes;

        public volatile bool Available = true;

        public int Refreshes => Volatile.Read(ref _refreshes);

        public GrainLocation Locate(GrainId grainId) => Available
            ? GrainLocation.Local
            : throw new PartitionUnavailableException($"partition of {grainId} is being taken over");

        public void OnMoved(GrainId grainId) => Interlocked.Increment(ref _refreshes);
    }
}
