using System.Diagnostics;
using System.Globalization;
using JobRec.Client;
using JobRec.Contracts.Benchmarks;
using JobRec.Silo.Benchmarks;
using JobRec.Measurement;
using JobRec.Hosting.Local;

namespace JobRec.Cli.Cluster;

/// <summary>`jobrec bench cluster`: N Orleans silo processes on loopback sharing one PostgreSQL; measures calls through one gateway to grains
/// placed on other silos (forwarded) and on the gateway's own silo, then kill -9s a silo and times until a grain it held answers again.</summary>
public static class ClusterBenchmark
{
    private const int Callers = 64;

    /// <summary>Runs the benchmark on the PostgreSQL of <paramref name="connectionString"/> and returns the summary line
    /// <c>cluster: cross_silo_calls_per_s=N cross_silo_p99_ms=X local_calls_per_s=N failover_s=X</c>; progress goes to <paramref name="log"/>.</summary>
    public static async Task<string> RunAsync(string connectionString, int silos, double seconds, TextWriter log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        await using var cluster = await LocalSiloCluster.CreateAsync(connectionString).ConfigureAwait(false);
        var ids = Enumerable.Range(1, silos).Select(i => $"bench-{i}").ToArray();
        foreach (var id in ids)
        {
            var silo = await cluster.StartSiloAsync(id).ConfigureAwait(false);
            log.WriteLine($"bench cluster: silo {id} gateway {silo.Gateway} silo-to-silo {silo.SiloEndpoint}");
        }

        await cluster.WaitForActiveAsync(ids, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var keys = Enumerable.Range(0, 3000).Select(i => $"bench-{i}").ToArray();
        // Every call enters through silo 1's gateway, so calls to grains placed on another silo cross to it.
        await using var client = await JobRecClient.ConnectAsync(cluster.Silos[0].Gateway, o => o.ResponseTimeout = TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var placement = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in keys.Chunk(200))
        {
            var readings = await Task.WhenAll(batch.Select(k => client.GetGrain<ISequencedCounterGrain>(k).GetAsync())).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                placement[batch[i]] = readings[i].Silo;
            }
        }

        var local = keys.Where(k => placement[k] == ids[0]).ToArray();
        var remote = keys.Where(k => placement[k] != ids[0]).ToArray();
        log.WriteLine($"bench cluster: {local.Length} grains placed on {ids[0]}, {remote.Length} on the others");
        var phase = TimeSpan.FromSeconds(seconds / 2);
        var (crossRate, crossHistogram) = await MeasureAsync(client, remote, TimeSpan.FromSeconds(1), phase).ConfigureAwait(false);
        log.WriteLine($"bench cluster: cross-silo {crossRate:0} calls/s p50 {crossHistogram.PercentileMs(0.5):0.00} ms p99 {crossHistogram.PercentileMs(0.99):0.00} ms");
        var (localRate, localHistogram) = local.Length == 0 ? (0, new LatencyHistogram()) : await MeasureAsync(client, local, TimeSpan.FromSeconds(1), phase).ConfigureAwait(false);
        log.WriteLine($"bench cluster: local {localRate:0} calls/s p50 {localHistogram.PercentileMs(0.5):0.00} ms p99 {localHistogram.PercentileMs(0.99):0.00} ms");

        var victim = cluster.Silos[^1];
        var orphan = keys.First(k => placement[k] == victim.SiloId);
        var killedAt = DateTime.UtcNow;
        victim.Kill();
        while (true)
        {
            try
            {
                await client.GetGrain<ISequencedCounterGrain>(orphan).GetAsync().ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IdempotentRetry.IsTransient(e) && DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        var failover = DateTime.UtcNow - killedAt;
        var dead = await cluster.WaitForDeathAsync(victim.SiloId, killedAt, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        log.WriteLine($"bench cluster: killed {victim.SiloId} (kill -9); a grain it held answered again after {failover.TotalSeconds:0.00} s (declared dead in the membership table by {dead.TotalSeconds:0.00} s)");
        return string.Create(CultureInfo.InvariantCulture,
            $"cluster: cross_silo_calls_per_s={crossRate:0} cross_silo_p99_ms={crossHistogram.PercentileMs(0.99):0.00} local_calls_per_s={localRate:0} failover_s={failover.TotalSeconds:0.00}");
    }

    private static async Task<(double Rate, LatencyHistogram Histogram)> MeasureAsync(JobRecClient client, string[] keys, TimeSpan warmup, TimeSpan measured)
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
