using System.Collections.Concurrent;
using System.Diagnostics;
using JobRec.Hosting.Local;
using JobRec.Client;
using JobRec.Contracts.Benchmarks;
using Xunit.Abstractions;
using static JobRec.IntegrationTests.Cluster.ClusterProcessEnvironment;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>Real Orleans silo processes on one PostgreSQL (membership in Orleans.Clustering.AdoNet, state in JobRec's PostgreSQL grain
/// storage): kill -9 under load, a paused silo, SIGTERM.</summary>
public sealed class SiloClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Kill_9_under_load_moves_the_grains_within_15_s_and_keeps_every_acknowledged_increment()
    {
        await using var cluster = await CreateClusterAsync();
        await StartSilosAsync(cluster, "s1", "s2", "s3");
        await cluster.WaitForActiveAsync(["s1", "s2", "s3"], TimeSpan.FromSeconds(60));
        var gateways = cluster.Silos.Select(s => s.Gateway).ToArray();
        var clients = new List<JobRecClient>();
        for (var i = 0; i < gateways.Length; i++)
        {
            clients.Add(await ClientAsync(string.Join(",", gateways.Skip(i).Concat(gateways.Take(i))), CallTimeout));
        }

        var keys = Enumerable.Range(0, 24).Select(i => $"kill-{i}").ToArray();
        var acked = new ConcurrentDictionary<string, long>();
        var ackedAt = new ConcurrentDictionary<string, DateTime>();
        var placedOn = new ConcurrentDictionary<string, string>();
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
                    placedOn.TryAdd(key, reading.Silo);
                    acked[key] = seq;
                    ackedAt[key] = DateTime.UtcNow;
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

        // The kill waits for a condition, not a time: every counter has acknowledged an increment, so each one's silo is known.
        await WaitUntilAsync(() => keys.All(placedOn.ContainsKey), TimeSpan.FromSeconds(60), "every counter acknowledged an increment before the kill");
        var ackedBeforeKill = acked.Values.Sum();
        // The victim is the silo holding the most counters (placement is Orleans' choice: a fixed silo may hold none of them).
        var victimId = placedOn.Values.GroupBy(id => id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var victim = cluster.Silos.Single(s => s.SiloId == victimId);
        var orphans = keys.Where(k => placedOn.GetValueOrDefault(k) == victim.SiloId).ToArray();
        var killedAt = DateTime.UtcNow;
        victim.Kill();
        var declaredDead = await cluster.WaitForDeathAsync(victim.SiloId, killedAt, TimeSpan.FromSeconds(30));
        // Takeover: every counter, those the victim held included, acknowledged an increment after the kill.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (keys.Any(k => ackedAt.GetValueOrDefault(k) <= killedAt) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var answeredAgain = keys.Max(k => ackedAt.GetValueOrDefault(k));
        var takeover = answeredAgain - killedAt;
        // The load stops once every counter has acknowledged one more increment after the last one came back (when they all came back).
        if (keys.All(k => ackedAt.GetValueOrDefault(k) > killedAt))
        {
            await WaitUntilAsync(() => keys.All(k => ackedAt.GetValueOrDefault(k) > answeredAgain), TimeSpan.FromSeconds(60), "every counter acknowledged an increment after the takeover");
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"victim declared dead after {declaredDead.TotalSeconds:0.0} s; every counter answered again after {takeover.TotalSeconds:0.0} s; " +
            $"{orphans.Length} counters were on the victim; acknowledged {ackedBeforeKill} before the kill, {acked.Values.Sum()} in all; {errors.Count} failed attempts, longest call {longestCallMs} ms");
        foreach (var e in errors.Take(10))
        {
            output.WriteLine(e);
        }

        Assert.NotEmpty(orphans);
        Assert.True(ackedBeforeKill > 0, "no increment was acknowledged before the kill");
        Assert.True(takeover > TimeSpan.Zero && takeover <= TimeSpan.FromSeconds(15), $"the counters answered again {takeover.TotalSeconds:0.0} s after the kill");
        Assert.True(longestCallMs <= CallTimeout.TotalMilliseconds + 5_000, $"a call took {longestCallMs} ms with a {CallTimeout.TotalMilliseconds} ms timeout");

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
    public async Task A_paused_silo_cannot_overwrite_newer_state_exits_on_resume_and_a_restarted_silo_rejoins()
    {
        await using var cluster = await CreateClusterAsync();
        await StartSilosAsync(cluster, "s1", "s2");
        await cluster.WaitForActiveAsync(["s1", "s2"], TimeSpan.FromSeconds(60));
        var (stale, fresh) = (cluster.Silos[0], cluster.Silos[1]);
        await using var viaStale = await ClientAsync(stale.Gateway, TimeSpan.FromSeconds(30));
        await using var viaFresh = await ClientAsync(fresh.Gateway, TimeSpan.FromSeconds(30));
        var key = await KeyPlacedOnAsync(viaStale, stale.SiloId, "fence"); // its count is 1, its activation on the silo about to pause

        var pausedAt = DateTime.UtcNow;
        stale.Pause();
        Task<CounterReading>? staleWrite = null;
        try
        {
            var dead = await cluster.WaitForDeathAsync(stale.SiloId, pausedAt, TimeSpan.FromSeconds(60));
            output.WriteLine($"paused silo declared dead after {dead.TotalSeconds:0.0} s");
            Assert.True(dead <= TimeSpan.FromSeconds(30), $"the paused silo was declared dead after {dead.TotalSeconds:0.0} s");
            Assert.Equal(2, (await IdempotentRetry.RunAsync(() => viaFresh.GetGrain<ISequencedCounterGrain>(key).AddAsync(2))).Count);
            var newer = await viaFresh.GetGrain<ISequencedCounterGrain>(key).AddAsync(3);
            Assert.Equal(3, newer.Count);
            Assert.Equal(fresh.SiloId, newer.Silo);

            // Sent while the stale silo is frozen: its old activation still believes the count is 1 and will try to write 2.
            // Whether it reaches the frozen silo before the resume or after does not matter: both outcomes below are checked.
            staleWrite = viaStale.GetGrain<ISequencedCounterGrain>(key).AddAsync(2);
        }
        finally
        {
            stale.Resume();
        }

        try
        {
            var answer = await staleWrite!;
            output.WriteLine($"stale write answered by {answer.Silo}: count {answer.Count}");
            Assert.Equal(3, answer.Count); // re-routed to the live activation, which knows increment 2 already
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // The stale activation's write carries the version it read (1): the store holds 3 and rejects it; or the call died with its silo.
            output.WriteLine($"stale write rejected: {e.GetType().Name}: {e.Message}");
        }

        var exitDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!stale.HasExited && DateTime.UtcNow < exitDeadline)
        {
            await Task.Delay(200);
        }

        Assert.True(stale.HasExited, $"the resumed silo did not stop itself after being declared dead:\n{stale.RecentOutput}");
        Assert.Equal(3, (await viaFresh.GetGrain<ISequencedCounterGrain>(key).GetAsync()).Count);

        var restarted = await cluster.StartSiloAsync("s1b");
        await cluster.WaitForActiveAsync(["s1b", "s2"], TimeSpan.FromSeconds(60));
        await using var viaRestarted = await ClientAsync(restarted.Gateway, TimeSpan.FromSeconds(30));
        Assert.Equal(4, (await viaRestarted.GetGrain<ISequencedCounterGrain>(key).AddAsync(4)).Count);
        Assert.Equal(4, (await viaFresh.GetGrain<ISequencedCounterGrain>(key).GetAsync()).Count);
        var placed = await KeyPlacedOnAsync(viaRestarted, "s1b", "rejoin");
        Assert.Equal(1, (await viaFresh.GetGrain<ISequencedCounterGrain>(placed).GetAsync()).Count);
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_hands_its_grains_to_the_others_well_before_a_call_timeout()
    {
        await using var cluster = await CreateClusterAsync();
        await StartSilosAsync(cluster, "s1", "s2");
        await cluster.WaitForActiveAsync(["s1", "s2"], TimeSpan.FromSeconds(60));
        var (staying, leaving) = (cluster.Silos[0], cluster.Silos[1]);
        await using var client = await ClientAsync(staying.Gateway, TimeSpan.FromSeconds(30));
        var keys = Enumerable.Range(0, 30).Select(i => $"term-{i}").ToArray();
        var first = await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(1)));
        await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(2)));
        Assert.Contains(first, r => r.Silo == leaving.SiloId);

        var stoppedAt = DateTime.UtcNow;
        Assert.True(await leaving.StopAsync(TimeSpan.FromSeconds(40)), $"silo {leaving.SiloId} did not exit after SIGTERM:\n{leaving.RecentOutput}");
        var readings = await Task.WhenAll(keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k).AddAsync(3)));
        var handOver = DateTime.UtcNow - stoppedAt;
        output.WriteLine($"graceful stop and hand-over: {handOver.TotalSeconds:0.0} s after SIGTERM");

        Assert.All(readings, r => Assert.Equal(3, r.Count));
        Assert.All(readings, r => Assert.Equal(staying.SiloId, r.Silo));
        Assert.True(handOver < TimeSpan.FromSeconds(15), $"the grains answered {handOver.TotalSeconds:0.0} s after SIGTERM");
        Assert.Equal(LocalSiloCluster.DeadStatus, (await cluster.ReadMembershipAsync())[leaving.SiloId]);
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms; fails naming <paramref name="what"/> when it does not hold within <paramref name="guard"/>.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan guard, string what)
    {
        var deadline = DateTime.UtcNow + guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up after {guard.TotalSeconds:0} s waiting until {what}");
            await Task.Delay(50);
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
