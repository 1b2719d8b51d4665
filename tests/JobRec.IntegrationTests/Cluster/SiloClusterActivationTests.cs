using JobRec.Client;
using JobRec.Contracts.Benchmarks;
using static JobRec.IntegrationTests.Cluster.ClusterProcessEnvironment;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>Real Orleans silo processes on one PostgreSQL: one activation per grain across the cluster, and a joining silo that gets new
/// grains without the old ones losing state, found by a client that reads the gateways from the membership table.</summary>
public sealed class SiloClusterActivationTests
{
    [Fact]
    public async Task Three_silos_keep_exactly_one_activation_per_grain_under_concurrent_calls_through_different_gateways()
    {
        await using var cluster = await CreateClusterAsync();
        await StartSilosAsync(cluster, "s1", "s2", "s3");
        await cluster.WaitForActiveAsync(["s1", "s2", "s3"], TimeSpan.FromSeconds(60));
        var clients = new List<JobRecClient>();
        foreach (var silo in cluster.Silos)
        {
            clients.Add(await ClientAsync(silo.Gateway, TimeSpan.FromSeconds(30)));
        }

        try
        {
            var keys = Enumerable.Range(0, 60).Select(i => $"one-{i}").ToArray();
            var readings = new List<(string Key, CounterReading Reading)>();
            for (var round = 0; round < 4; round++)
            {
                var calls = clients.SelectMany(c => keys.Select(async k => (k, await c.GetGrain<ISequencedCounterGrain>(k).AddAsync(1)))).ToList();
                readings.AddRange(await Task.WhenAll(calls));
            }

            foreach (var group in readings.GroupBy(r => r.Key))
            {
                var activations = group.Select(r => (r.Reading.Silo, r.Reading.Activation)).Distinct().ToList();
                Assert.True(activations.Count == 1, $"grain {group.Key} answered from {activations.Count} activations: {string.Join(", ", activations)}");
                Assert.All(group, r => Assert.Equal(1, r.Reading.Count));
            }

            Assert.Equal(3, readings.Select(r => r.Reading.Silo).Distinct().Count());
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_joining_silo_gets_new_grains_while_the_old_ones_keep_their_state()
    {
        await using var cluster = await CreateClusterAsync();
        await StartSilosAsync(cluster, "s1", "s2");
        await cluster.WaitForActiveAsync(["s1", "s2"], TimeSpan.FromSeconds(60));
        // Gateway discovery from the Orleans membership table instead of a static list.
        await using var client = await JobRecClient.ConnectAsync(new ClientOptions
        {
            PostgresConnectionString = cluster.ConnectionString,
            ResponseTimeout = TimeSpan.FromSeconds(30),
            GatewayListRefreshInterval = TimeSpan.FromSeconds(1),
        });
        var keys = Enumerable.Range(0, 40).Select(i => $"join-{i}").ToArray();
        foreach (var seq in new[] { 1L, 2, 3 })
        {
            await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(seq)));
        }

        await cluster.StartSiloAsync("s3");
        await cluster.WaitForActiveAsync(["s1", "s2", "s3"], TimeSpan.FromSeconds(60));

        var readings = await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).GetAsync()));
        Assert.All(readings, r => Assert.Equal(3, r.Count));
        var onNewSilo = await KeyPlacedOnAsync(client, "s3", "new");
        Assert.Equal(2, (await client.GetGrain<ISequencedCounterGrain>(onNewSilo).AddAsync(2)).Count);
        var after = await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(4)));
        Assert.All(after, r => Assert.Equal(4, r.Count));
    }
}
