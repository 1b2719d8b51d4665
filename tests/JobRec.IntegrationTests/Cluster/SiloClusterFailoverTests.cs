using System.Collections.Concurrent;
using System.Diagnostics;
using JobRec.Actors.Benchmarks;
using JobRec.Client;
using Xunit.Abstractions;
using static JobRec.IntegrationTests.Cluster.ClusterProcessEnvironment;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>Real silo processes on one PostgreSQL: kill -9 under load and a silo paused past its leases.</summary>
public sealed class SiloClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Kill_9_under_load_moves_partitions_within_the_lease_time_and_keeps_every_acknowledged_increment()
    {
        await using var cluster = await CreateClusterAsync(partitions: 32, lease: TimeSpan.FromSeconds(5));
        await StartSilosAsync(cluster, "s1", "s2", "s3");
        await cluster.WaitForBalanceAsync(["s1", "s2", "s3"], TimeSpan.FromSeconds(90));
        var victim = cluster.Silos[1];
        var clients = new List<JobRecClient>();
        foreach (var silo in cluster.Silos)
        {
            var c = await ClientAsync(silo.Gateway, learn: true, CallTimeout);
            Assert.True(await c.RefreshGatewaysAsync());
            Assert.Equal(3, c.KnownGateways.Count); // it learned the other gateways from the one it was given
            clients.Add(c);
        }

        var keys = Enumerable.Range(0, 24).Select(i => $"kill-{i}").ToArray();
        var acked = new ConcurrentDictionary<string, long>();
        var errors = new ConcurrentBag<string>();
        var longestCallMs = 0L;
        using var stop = new CancellationTokenSource();
        var workers = keys.Select((key, i) => Task.Run(async () =>
        {
            var grain = clients[i % clients.Count].GetGrain<ISequencedCounterGrain>(key);
            var finalDeadline = (DateTime?)null;
            var pending = false; // an increment failed and must be retried (same sequence) before the worker may stop
            for (long seq = 1; ;)
            {
                if (stop.IsCancellationRequested)
                {
                    if (!pending)
                    {
                        return;
                    }

                    finalDeadline ??= DateTime.UtcNow + TimeSpan.FromSeconds(60);
                    if (DateTime.UtcNow > finalDeadline)
                    {
                        throw new TimeoutException($"{key}: increment {seq} never succeeded after the load stopped");
                    }
                }

                var sw = Stopwatch.StartNew();
                try
                {
                    var reading = await grain.AddAsync(seq);
                    Assert.Equal(seq, reading.Count);
                    acked[key] = seq;
                    seq++;
                    pending = false;
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    pending = true;
                    errors.Add($"{key}#{seq}: {e.GetType().Name}: {e.Message}");
                    await Task.Delay(50);
                }
                finally
                {
                    InterlockedMax(ref longestCallMs, sw.ElapsedMilliseconds);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var ackedBeforeKill = acked.Values.Sum();
        var killedAt = DateTime.UtcNow;
        victim.Kill();
        var takeover = await cluster.WaitForTakeoverAsync(victim.SiloId, killedAt, TimeSpan.FromSeconds(30));
        var ackedAtTakeover = acked.Values.Sum();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"takeover {takeover.TotalSeconds:0.0} s; acknowledged {ackedBeforeKill} before the kill, {acked.Values.Sum()} in all; {errors.Count} failed attempts, longest call {longestCallMs} ms");
        foreach (var e in errors.Take(10))
        {
            output.WriteLine(e);
        }

        Assert.True(takeover <= TimeSpan.FromSeconds(15), $"takeover took {takeover.TotalSeconds:0.0} s");
        Assert.True(acked.Values.Sum() > ackedAtTakeover, "no increment was acknowledged after the takeover");
        Assert.True(ackedBeforeKill > 0, "no increment was acknowledged before the kill");
        Assert.True(longestCallMs <= CallTimeout.TotalMilliseconds + 5_000, $"a call took {longestCallMs} ms with a {CallTimeout.TotalMilliseconds} ms timeout");
        Assert.NotEqual(victim.Gateway, clients[1].ConnectedGateway); // the client of the dead gateway failed over

        foreach (var key in keys)
        {
            var reading = await clients[0].GetGrain<ISequencedCounterGrain>(key).GetAsync();
            Assert.True(acked.GetValueOrDefault(key) == reading.Count, $"{key}: {acked.GetValueOrDefault(key)} acknowledged, {reading.Count} stored; errors: {string.Join(" | ", errors.Take(5))}");
            Assert.NotEqual(victim.SiloId, reading.Silo);
        }

        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_paused_past_its_leases_cannot_overwrite_newer_state_and_rejoins_cleanly()
    {
        await using var cluster = await CreateClusterAsync(partitions: 32, lease: TimeSpan.FromSeconds(4));
        await StartSilosAsync(cluster, "s1", "s2");
        var owners = await cluster.WaitForBalanceAsync(["s1", "s2"], TimeSpan.FromSeconds(90));
        var (stale, fresh) = (cluster.Silos[0], cluster.Silos[1]);
        var key = KeyOwnedBy(cluster, owners, stale.SiloId, "fence");
        var partition = cluster.PartitionOf(CounterType, key);
        await using var viaStale = await ClientAsync(stale.Gateway, learn: false, TimeSpan.FromSeconds(30));
        await using var viaFresh = await ClientAsync(fresh.Gateway, learn: false, TimeSpan.FromSeconds(30));
        var first = await viaStale.GetGrain<ISequencedCounterGrain>(key).AddAsync(1);
        Assert.Equal(stale.SiloId, first.Silo);
        var epochBefore = (await cluster.ReadEpochsAsync())[partition];

        var pausedAt = DateTime.UtcNow;
        stale.Pause();
        try
        {
            var takeover = await cluster.WaitForTakeoverAsync(stale.SiloId, pausedAt, TimeSpan.FromSeconds(30));
            output.WriteLine($"takeover of the paused silo's partitions: {takeover.TotalSeconds:0.0} s");
            Assert.True(takeover <= TimeSpan.FromSeconds(15), $"takeover took {takeover.TotalSeconds:0.0} s");
            Assert.Equal(2, (await viaFresh.GetGrain<ISequencedCounterGrain>(key).AddAsync(2)).Count);
            var newer = await viaFresh.GetGrain<ISequencedCounterGrain>(key).AddAsync(3);
            Assert.Equal(3, newer.Count);
            Assert.Equal(fresh.SiloId, newer.Silo);

            // Sent while the stale silo is frozen: its old activation still believes the count is 1 and will try to write 2 under the old epoch.
            var staleWrite = viaStale.GetGrain<ISequencedCounterGrain>(key).AddAsync(2);
            await Task.Delay(300);
            stale.Resume();
            try
            {
                var answer = await staleWrite;
                output.WriteLine($"stale write was re-routed to {answer.Silo}: count {answer.Count}");
                Assert.Equal(3, answer.Count); // re-routed to the new owner, which knows increment 2 already
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                output.WriteLine($"stale write rejected: {e.GetType().Name}: {e.Message}");
                Assert.True(e.Message.Contains("fenced", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("epoch", StringComparison.OrdinalIgnoreCase),
                    $"the stale write failed for another reason: {e.GetType().Name}: {e.Message}");
            }
        }
        finally
        {
            stale.Resume();
        }

        var (count, epoch) = await StoredCounterAsync(cluster, key);
        Assert.Equal(3, count);
        Assert.True(epoch > epochBefore, $"stored epoch {epoch} is not newer than the stale silo's {epochBefore}");

        var rebalanced = await cluster.WaitForBalanceAsync(["s1", "s2"], TimeSpan.FromSeconds(90));
        Assert.Equal(16, rebalanced.Count(o => o == stale.SiloId));
        var again = await viaStale.GetGrain<ISequencedCounterGrain>(key).AddAsync(4);
        Assert.Equal(4, again.Count);
        Assert.Equal(4, (await viaFresh.GetGrain<ISequencedCounterGrain>(key).GetAsync()).Count);
        Assert.Equal(4, (await StoredCounterAsync(cluster, key)).Count);
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_hands_its_partitions_over_before_its_leases_would_expire()
    {
        var lease = TimeSpan.FromSeconds(20);
        await using var cluster = await CreateClusterAsync(partitions: 32, lease: lease);
        await StartSilosAsync(cluster, "s1", "s2");
        var owners = await cluster.WaitForBalanceAsync(["s1", "s2"], TimeSpan.FromSeconds(90));
        var (staying, leaving) = (cluster.Silos[0], cluster.Silos[1]);
        await using var client = await ClientAsync(staying.Gateway, learn: false, TimeSpan.FromSeconds(30));
        var keys = Enumerable.Range(0, 30).Select(i => $"term-{i}").ToArray();
        foreach (var seq in new[] { 1L, 2 })
        {
            await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(seq)));
        }

        Assert.Contains(keys, k => owners[cluster.PartitionOf(CounterType, k)] == leaving.SiloId);
        var stoppedAt = DateTime.UtcNow;
        Assert.True(await leaving.StopAsync(TimeSpan.FromSeconds(40)), $"silo {leaving.SiloId} did not exit after SIGTERM:\n{leaving.RecentOutput}");
        var takeover = await cluster.WaitForTakeoverAsync(leaving.SiloId, stoppedAt, TimeSpan.FromSeconds(60));
        output.WriteLine($"graceful hand-over: {takeover.TotalSeconds:0.0} s after SIGTERM (lease {lease.TotalSeconds:0} s)");
        Assert.True(takeover < TimeSpan.FromSeconds(15), $"the partitions moved after {takeover.TotalSeconds:0.0} s, as if the leases had expired instead of being released");
        Assert.Contains("handed over", leaving.RecentOutput);

        var readings = await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(3)));
        Assert.All(readings, r => Assert.Equal(3, r.Count));
        Assert.All(readings, r => Assert.Equal(staying.SiloId, r.Silo));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task<(long Count, long Epoch)> StoredCounterAsync(JobRec.Cli.Cluster.LocalSiloCluster cluster, string key)
    {
        await using var cmd = cluster.DataSource.CreateCommand("SELECT convert_from(data, 'UTF8'), epoch FROM grain_state WHERE grain_id = @g;");
        cmd.Parameters.AddWithValue("g", $"{CounterType}/{key}");
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no stored state for {key}");
        using var json = System.Text.Json.JsonDocument.Parse(reader.GetString(0));
        var count = json.RootElement.EnumerateObject().First(p => p.Name.Equals("Count", StringComparison.OrdinalIgnoreCase)).Value.GetInt64();
        return (count, reader.GetInt64(1));
    }
}
