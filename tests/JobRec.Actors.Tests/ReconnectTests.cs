using JobRec.Actors.Tests.TestGrains;
using JobRec.Actors.Transport;
using JobRec.Client;

namespace JobRec.Actors.Tests;

public sealed class ReconnectTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Client_reconnects_after_the_silo_restarts_and_state_is_still_there()
    {
        await using var cluster = await ClusterFixture.StartAsync(new ActivationLog());
        await using var client = await ClusterClient.ConnectAsync(cluster.GatewayAddress, o => o.RetryDelay = TimeSpan.FromMilliseconds(100));
        var profile = client.GetGrain<IProfileGrain>("re");
        Assert.Equal(1, await profile.Visit("x"));

        var w = System.Diagnostics.Stopwatch.StartNew();
        await cluster.RestartSiloAsync();
        output.WriteLine($"restart {w.ElapsedMilliseconds} ms");

        // The call in flight on the old connection may fail; the next ones reconnect.
        int visits;
        try
        {
            visits = await profile.Visit("y");
        }
        catch (ConnectionLostException)
        {
            visits = await profile.Visit("y");
        }

        output.WriteLine($"visit after restart {w.ElapsedMilliseconds} ms");
        Assert.Equal(2, visits);
    }

    [Fact]
    public async Task Idle_activations_are_collected()
    {
        var log = new ActivationLog();
        await using var cluster = await ClusterFixture.StartAsync(log, o => o.ConfigureOptions = s =>
        {
            s.CollectionAge = TimeSpan.FromMilliseconds(200);
            s.CollectionInterval = TimeSpan.FromMilliseconds(100);
        });
        var key = "idle-" + Guid.NewGuid();
        await cluster.GrainFactory.GetGrain<ICounterGrain>(key).Get();

        await ActivationTests.WaitUntil(() => log.Deactivations.GetValueOrDefault(key) == 1);

        Assert.Contains(DeactivationReason.IdleCollection, log.Reasons);
        Assert.Equal(0, cluster.Runtime.GetStatistics().TotalActivations);
    }
}
