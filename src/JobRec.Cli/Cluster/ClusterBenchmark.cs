using System.Diagnostics;
using System.Globalization;
using JobRec.Actors.Benchmarks;
using JobRec.Client;

namespace JobRec.Cli.Cluster;

/// <summary>`jobrec bench cluster`: N silo processes on loopback sharing one PostgreSQL; measures calls through one gateway to grains other silos own (forwarded) and to grains it owns, then kill -9s a silo and times the takeover.</summary>
public static class ClusterBenchmark
{
    private const int Partitions = 256;
    private const int Callers = 64;

    /// <summary>Runs the benchmark on the PostgreSQL of <paramref name="connectionString"/> and returns the summary line
    /// <c>cluster: cross_silo_calls_per_s=N cross_silo_p99_ms=X local_calls_per_s=N failover_s=X</c>; progress goes to <paramref name="log"/>.</summary>
    public static async Task<string> RunAsync(string connectionString, int silos, double seconds, TimeSpan lease, TextWriter log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        await using var cluster = await LocalSiloCluster.CreateAsync(connectionString, Partitions, lease).ConfigureAwait(false);
        var ids = Enumerable.Range(1, silos).Select(i => $"bench-{i}").ToArray();
        foreach (var id in ids)
        {
            var silo = await cluster.StartSiloAsync(id).ConfigureAwait(false);
            log.WriteLine($"bench cluster: silo {id} gateway {silo.Gateway} silo-to-silo {silo.SiloEndpoint}");
        }

        var owners = await cluster.WaitForBalanceAsync(ids, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        var type = typeof(SequencedCounterGrain).FullName!;
        var keys = Enumerable.Range(0, 3000).Select(i => $"bench-{i}").ToArray();
        var local = keys.Where(k => owners[cluster.PartitionOf(type, k)] == ids[0]).ToArray();
        var remote = keys.Where(k => owners[cluster.PartitionOf(type, k)] != ids[0]).ToArray();
        await using var client = await ClusterClient.ConnectAsync(cluster.Silos[0].Gateway, o =>
        {
            o.LearnGateways = false; // every call enters through silo 1, so calls to grains it does not own cross to their owner
            o.ResponseTimeout = TimeSpan.FromSeconds(30);
        }).ConfigureAwait(false);
        log.WriteLine($"bench cluster: {local.Length} grains on {ids[0]}, {remote.Length} on the others; activating");
        foreach (var batch in keys.Chunk(200))
        {
            await Task.WhenAll(batch.Select(k => client.GetGrain<ISequencedCounterGrain>(k).GetAsync())).ConfigureAwait(false);
        }

        var phase = TimeSpan.FromSeconds(seconds / 2);
        var (crossRate, crossHistogram) = await MeasureAsync(client, remote, TimeSpan.FromSeconds(1), phase).ConfigureAwait(false);
        log.WriteLine($"bench cluster: cross-silo {crossRate:0} calls/s p50 {crossHistogram.QuantileMs(0.5):0.00} ms p99 {crossHistogram.QuantileMs(0.99):0.00} ms");
        var (localRate, localHistogram) = await MeasureAsync(client, local, TimeSpan.FromSeconds(1), phase).ConfigureAwait(false);
        log.WriteLine($"bench cluster: local {localRate:0} calls/s p50 {localHistogram.QuantileMs(0.5):0.00} ms p99 {localHistogram.QuantileMs(0.99):0.00} ms");

        var victim = cluster.Silos[^1];
        var orphan = keys.First(k => owners[cluster.PartitionOf(type, k)] == victim.SiloId);
        var killedAt = DateTime.UtcNow;
        victim.Kill();
        await cluster.WaitForTakeoverAsync(victim.SiloId, killedAt, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        await client.GetGrain<ISequencedCounterGrain>(orphan).GetAsync().ConfigureAwait(false);
        var failover = DateTime.UtcNow - killedAt;
        log.WriteLine($"bench cluster: killed {victim.SiloId} (kill -9, lease {lease.TotalSeconds:0.#} s); its partitions were taken over and served after {failover.TotalSeconds:0.00} s");
        return string.Create(CultureInfo.InvariantCulture,
            $"cluster: cross_silo_calls_per_s={crossRate:0} cross_silo_p99_ms={crossHistogram.QuantileMs(0.99):0.00} local_calls_per_s={localRate:0} failover_s={failover.TotalSeconds:0.00}");
    }

    private static async Task<(double Rate, LatencyHistogram Histogram)> MeasureAsync(ClusterClient client, string[] keys, TimeSpan warmup, TimeSpan measured)
    {
        var grains = keys.Select(k => client.GetGrain<ISequencedCounterGrain>(k)).ToArray();
        var histograms = new LatencyHistogram[Callers];
        var counts = new long[Callers];
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Callers).Select(w => Task.Run(async () =>
        {
            var histogram = histograms[w] = new LatencyHistogram();
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await grains[random.Next(grains.Length)].GetAsync().ConfigureAwait(false);
                if (Volatile.Read(ref measuring))
                {
                    histogram.RecordSince(start);
                    counts[w]++;
                }
            }
        })).ToArray();
        await Task.Delay(warmup).ConfigureAwait(false);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(measured).ConfigureAwait(false);
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
        var total = new LatencyHistogram();
        foreach (var h in histograms)
        {
            total.Add(h);
        }

        return (counts.Sum() / elapsed, total);
    }
}
