using System.Diagnostics;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;

namespace JobRec.Silo.Benchmarks;

/// <summary>Serving latency on an embedded silo: a synthetic market in the grains, then <c>concurrency</c> callers issuing recommend (top-20, cache bypassed) and search (1 in 10) for a fixed time.</summary>
public static class ServeBenchmark
{
    /// <summary>Runs the benchmark and returns the result line <c>serve: recommend_p50_ms=... search_p95_ms=...</c>.</summary>
    public static async Task<string> RunAsync(int jobs, int users, int concurrency, int seconds, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = jobs, Users = users, Seed = 42 });
        var jobList = market.Jobs().ToList();
        var encoder = new HashedTextEncoder().WithIdf(jobList.Select(j => j.Title + " " + j.Description));
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-bench-" + Guid.NewGuid().ToString("N"));
        var app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = dir,
            InMemoryState = true,
            HttpUrl = new Uri("http://127.0.0.1:0"),
            Encoder = encoder,
            Serving = new ServingOptions { Clock = () => market.TrainEnd },
        });
        await using var _ = app.ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var ops = app.Services.GetRequiredService<JobRecOperations>();
        var sink = new GrainIngestSink(app.Services.GetRequiredService<JobRec.Actors.IGrainFactory>());
        await sink.UpsertOccupationsAsync(market.Occupations().ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var batch in jobList.Chunk(2000))
        {
            await sink.UpsertJobsAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        foreach (var batch in market.Users().Chunk(2000))
        {
            await sink.UpsertUsersAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        foreach (var batch in market.TrainInteractions().Chunk(20_000))
        {
            await sink.AddInteractionsAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        log.WriteLine($"[{clock.Elapsed.TotalSeconds:F1}s] loaded {jobs} jobs, {users} users into an embedded silo; running {concurrency} callers for {seconds}s");
        var queries = jobList.Take(1000).Select(j => j.Title + " " + string.Join(" ", j.Skills.Take(3))).ToArray();
        var recommend = new List<double>();
        var search = new List<double>();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var warmUntil = DateTime.UtcNow.AddSeconds(Math.Min(3, seconds / 5.0));
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var mineR = new List<double>();
            var mineS = new List<double>();
            while (DateTime.UtcNow < stop && !cancellationToken.IsCancellationRequested)
            {
                var isSearch = random.Next(10) == 0;
                var t = Stopwatch.GetTimestamp();
                if (isSearch)
                {
                    await ops.SearchAsync(new SearchRequest(queries[random.Next(queries.Length)], 20)).ConfigureAwait(false);
                }
                else
                {
                    await ops.RecommendAsync(SyntheticMarket.UserId(random.Next(users)), 20, explain: false, fresh: true).ConfigureAwait(false);
                }

                var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (DateTime.UtcNow >= warmUntil)
                {
                    (isSearch ? mineS : mineR).Add(ms);
                }
            }

            lock (recommend)
            {
                recommend.AddRange(mineR);
                search.AddRange(mineS);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var measured = seconds - (warmUntil - stop.AddSeconds(-seconds)).TotalSeconds;
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }

        recommend.Sort();
        search.Sort();
        log.WriteLine($"{recommend.Count} recommend calls, {search.Count} search calls measured over {measured:F1}s");
        return FormattableString.Invariant(
            $"serve: recommend_p50_ms={P(recommend, 0.50):F2} recommend_p95_ms={P(recommend, 0.95):F2} recommend_p99_ms={P(recommend, 0.99):F2} recommend_per_s={recommend.Count / measured:F0} search_p95_ms={P(search, 0.95):F2}");
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}
