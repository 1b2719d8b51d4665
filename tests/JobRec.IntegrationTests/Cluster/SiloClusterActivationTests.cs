using JobRec.Actors.Benchmarks;
using static JobRec.IntegrationTests.Cluster.ClusterProcessEnvironment;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>Real silo processes on one PostgreSQL: one activation per grain across the cluster, and a joining silo taking its share without losing state.</summary>
public sealed class SiloClusterActivationTests
{
    [Fact]
    public async Task Three_silos_keep_exactly_one_activation_per_grain_under_concurrent_calls_through_different_gateways()
    {
        await using var cluster = await CreateClusterAsync(partitions: 32, lease: TimeSpan.FromSeconds(10));
        await StartSilosAsync(cluster, "s1", "s2", "s3");
        var owners = await cluster.WaitForBalanceAsync(["s1", "s2", "s3"], TimeSpan.FromSeconds(90));
        var clients = new List<JobRec.Client.JobRecClient>();
        foreach (var silo in cluster.Silos)
        {
            clients.Add(await ClientAsync(silo.Gateway, learn: false, TimeSpan.FromSeconds(30)));
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

            var nowOwners = await cluster.ReadOwnersAsync();
            Assert.Equal(owners, nowOwners); // no lease moved during the test, so every activation change would be a bug
            foreach (var group in readings.GroupBy(r => r.Key))
            {
                var activations = group.Select(r => (r.Reading.Silo, r.Reading.Activation)).Distinct().ToList();
                Assert.True(activations.Count == 1, $"grain {group.Key} answered from {activations.Count} activations: {string.Join(", ", activations)}");
                Assert.Equal(owners[cluster.PartitionOf(CounterType, group.Key)], activations[0].Silo);
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
    public async Task A_joining_silo_takes_a_fair_share_of_partitions_without_losing_state()
    {
        await using var cluster = await CreateClusterAsync(partitions: 32, lease: TimeSpan.FromSeconds(10));
        await StartSilosAsync(cluster, "s1", "s2");
        await cluster.WaitForBalanceAsync(["s1", "s2"], TimeSpan.FromSeconds(90));
        await using var client = await ClientAsync(cluster.Silos[0].Gateway, learn: true, TimeSpan.FromSeconds(30));
        var keys = Enumerable.Range(0, 40).Select(i => $"join-{i}").ToArray();
        foreach (var seq in new[] { 1L, 2, 3 })
        {
            await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(seq)));
        }

        await cluster.StartSiloAsync("s3");
        var owners = await cluster.WaitForBalanceAsync(["s1", "s2", "s3"], TimeSpan.FromSeconds(90));

        var readings = await Task.WhenAll(keys.Select(async k => (k, await client.GetGrain<ISequencedCounterGrain>(k).GetAsync())));
        Assert.All(readings, r => Assert.Equal(3, r.Item2.Count));
        Assert.All(readings, r => Assert.Equal(owners[cluster.PartitionOf(CounterType, r.k)], r.Item2.Silo));
        Assert.Contains(readings, r => r.Item2.Silo == "s3");
        var after = await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(4)));
        Assert.All(after, r => Assert.Equal(4, r.Count));
        Assert.True(await client.RefreshGatewaysAsync());
        Assert.Equal(cluster.Silos.Select(s => s.Gateway).Order(), client.KnownGateways.Order());
    }
}
