using System.Diagnostics;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using JobRec.Grains.Indexing;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Orleans;
using JobRec.ML.Text;

namespace JobRec.Silo.Benchmarks;

/// <summary>Serving latency on an embedded silo: a synthetic market in the grains, then <c>concurrency</c> callers issuing recommend (top-20) and search (1 in 10) for a fixed time.</summary>
public static class ServeBenchmark
{
    /// <summary>Runs the benchmark (<paramref name="warmupSeconds"/> of unmeasured load first) and returns the result line <c>serve: recommend_p50_ms=... search_p95_ms=... cpu_ms_per_call=... cache_hit_rate=... uncached_recommend_p95_ms=...</c>; with <paramref name="cached"/> recommendations may come from the user grains' caches and 1 in 10 calls records an interaction (which invalidates that user's cache), otherwise every recommend is computed. The log also gets allocation and GC figures for the measured part, and with <paramref name="sampleAllocations"/> the most-allocated types; grain state and shard entries are stored on disk as by
    /// <c>jobrec serve</c> unless <paramref name="memoryState"/>; <paramref name="maxConcurrent"/> above 0 sets how many requests the silo computes at once (else the serving default).</summary>
    public static async Task<string> RunAsync(int jobs, int users, int concurrency, int seconds, int warmupSeconds, bool cached, ShardIndexKind shardIndex, int shards, TextWriter log, CancellationToken cancellationToken,
        bool sampleAllocations = false, int maxConcurrent = 0, int dimension = 384, bool memoryState = false)
    {
        var clock = Stopwatch.StartNew();
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = jobs, Users = users, Seed = 42 });
        // The postings are generated again from (seed, index) where needed, never held as a list: at a million jobs the list alone
        // would be gigabytes of the process this benchmark measures.
        var encoder = new HashedTextEncoder(dimension).WithIdf(market.Jobs().Select(j => j.Title + " " + j.Description));
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-bench-" + Guid.NewGuid().ToString("N"));
        var serving = new ServingOptions { Clock = () => market.TrainEnd, ShardIndex = shardIndex, ShardCount = shards };
        var app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = dir,
            // As a single silo runs: grain state in SQLite and shard entries in their logs, both under the temporary folder (not resident);
            // with memoryState both stay in this process (what the benchmark measured before; the state bytes count in its resident set).
            InMemoryState = memoryState,
            Dashboard = false,
            Metrics = false,
            HttpUrl = new Uri("http://127.0.0.1:0"),
            Encoder = encoder,
            Serving = maxConcurrent > 0 ? serving with { MaxConcurrentRequests = maxConcurrent } : serving,
        });
        await using var _ = app.ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var ops = app.Services.GetRequiredService<JobRecOperations>();
        var sink = new GrainIngestSink(app.Services.GetRequiredService<IGrainFactory>());
        await sink.UpsertOccupationsAsync(market.Occupations().ToList(), cancellationToken).ConfigureAwait(false);
        var importClock = Stopwatch.StartNew();
        using (new ImportProgressLog(log, "jobs", jobs, () => sink.JobsImported, () => $"retries={sink.Retries} encode_calls_at_once={sink.EncodeConcurrency.Now}"))
        {
            foreach (var batch in market.Jobs().Chunk(4096))
            {
                await sink.UpsertJobsAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        var importJobsPerSecond = jobs / Math.Max(1e-9, importClock.Elapsed.TotalSeconds);
        using (new ImportProgressLog(log, "users", users, () => sink.UsersImported))
        {
            foreach (var batch in market.Users().Chunk(2000))
            {
                await sink.UpsertUsersAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var batch in market.TrainInteractions().Chunk(20_000))
        {
            await sink.AddInteractionsAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var rss = ProcessMemory.ResidentBytes();
        log.WriteLine(FormattableString.Invariant(
            $"memory after import: rss {rss / 1048576.0:F0} MB ({(double)rss / jobs:F0} bytes per job), managed heap {heap / 1048576.0:F0} MB ({(double)heap / jobs:F0} bytes per job), peak rss {ProcessMemory.PeakResidentBytes() / 1048576.0:F0} MB; jobs imported at {importJobsPerSecond:F0}/s"));
        log.WriteLine($"[{clock.Elapsed.TotalSeconds:F1}s] loaded {jobs} jobs, {users} users into an embedded silo ({shards} {shardIndex} shards, {app.Services.GetRequiredService<ServingAdmission>().MaxConcurrent} requests computed at once); running {concurrency} callers for {warmupSeconds}s of warm-up (JIT tiering, caches; not measured) then {seconds}s measured"
            + (cached ? " (recommendation cache on, 1 in 10 calls records an interaction)" : " (recommendation cache bypassed)")
            + $"; {Gen0Budget()}; load average {LoadAverage()}");
        var queries = market.Jobs().Take(1000).Select(j => j.Title + " " + string.Join(" ", j.Skills.Take(3))).ToArray();
        var samples = new ServeSamples();
        var warmUntil = DateTime.UtcNow.AddSeconds(warmupSeconds);
        var stop = warmUntil.AddSeconds(seconds);
        var cpuAtWarm = TimeSpan.Zero;
        using var sampler = sampleAllocations ? new AllocationSampler() : null;
        var gcAtWarm = (Gen0: 0, Gen1: 0, Gen2: 0, Pause: TimeSpan.Zero, Allocated: 0L);
        var warmTimer = Task.Delay(TimeSpan.FromSeconds(warmupSeconds), cancellationToken).ContinueWith(_ =>
        {
            cpuAtWarm = Process.GetCurrentProcess().TotalProcessorTime;
            sampler?.Start();
            gcAtWarm = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        }, TaskScheduler.Default);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var mine = new ServeSamples();
            while (DateTime.UtcNow < stop && !cancellationToken.IsCancellationRequested)
            {
                var roll = random.Next(10);
                var user = SyntheticMarket.UserId(random.Next(users));
                var t = Stopwatch.GetTimestamp();
                var kind = ServeOperation.Search;
                if (roll == 0)
                {
                    await ops.SearchAsync(new SearchRequest(queries[random.Next(queries.Length)], 20)).ConfigureAwait(false);
                }
                else if (cached && roll == 1)
                {
                    kind = ServeOperation.Interaction;
                    await ops.RecordInteractionAsync(user, new InteractionInput(SyntheticMarket.JobId(random.Next(jobs)), InteractionKind.View, market.TrainEnd))
                        .ConfigureAwait(false);
                }
                else
                {
                    var list = await ops.RecommendAsync(user, 20, explain: false, fresh: !cached).ConfigureAwait(false);
                    kind = list.FromCache ? ServeOperation.CachedRecommend : ServeOperation.Recommend;
                }

                if (DateTime.UtcNow >= warmUntil)
                {
                    mine.Add(kind, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            }

            lock (samples)
            {
                samples.AddRange(mine);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        await warmTimer.ConfigureAwait(false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtWarm;
        var gcPause = GC.GetTotalPauseDuration() - gcAtWarm.Pause;
        var allocated = GC.GetTotalAllocatedBytes() - gcAtWarm.Allocated;
        var gcCounts = (GC.CollectionCount(0) - gcAtWarm.Gen0, GC.CollectionCount(1) - gcAtWarm.Gen1, GC.CollectionCount(2) - gcAtWarm.Gen2);
        foreach (var (type, share) in sampler?.Top(25) ?? [])
        {
            log.WriteLine(FormattableString.Invariant($"allocated {share:P1}: {type}"));
        }

        var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        log.WriteLine(FormattableString.Invariant(
            $"last ephemeral GC: gen{last.Generation} pause {last.PauseDurations[0].TotalMilliseconds:F1} ms, promoted {last.PromotedBytes / 1e6:F1} MB, heap {last.HeapSizeBytes / 1e6:F0} MB, compacted {last.Compacted}, generations before/after MB: {string.Join(" ", last.GenerationInfo.ToArray().Select(g => $"{g.SizeBeforeBytes / 1e6:F1}/{g.SizeAfterBytes / 1e6:F1}"))}"));
        var measured = (double)seconds;
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }

        var recommend = samples.Of(ServeOperation.Recommend, ServeOperation.CachedRecommend);
        var uncached = samples.Of(ServeOperation.Recommend);
        var search = samples.Of(ServeOperation.Search);
        var calls = samples.Count;
        var hitRate = recommend.Count == 0 ? 0 : (double)(recommend.Count - uncached.Count) / recommend.Count;
        log.WriteLine(FormattableString.Invariant(
            $"{recommend.Count} recommend calls ({recommend.Count - uncached.Count} from cache), {search.Count} search calls, {samples.Of(ServeOperation.Interaction).Count} interactions measured over {measured:F1}s; process CPU {cpu.TotalSeconds:F1}s = {cpu.TotalMilliseconds / Math.Max(1, calls):F2} ms per call; allocated {allocated / 1024.0 / Math.Max(1, calls):F1} KiB per call; {gcCounts.Item1} GCs ({gcCounts.Item2} of gen1 or 2, {gcCounts.Item3} of gen2), paused {gcPause.TotalMilliseconds:F0} ms ({100 * gcPause.TotalSeconds / measured:F1}% of the time); uncached recommend p50 {P(uncached, 0.50):F2} ms p95 {P(uncached, 0.95):F2} ms; load average {LoadAverage()}"));
        return FormattableString.Invariant(
            $"serve: recommend_p50_ms={P(recommend, 0.50):F2} recommend_p95_ms={P(recommend, 0.95):F2} recommend_p99_ms={P(recommend, 0.99):F2} recommend_per_s={recommend.Count / measured:F0} search_p95_ms={P(search, 0.95):F2} cpu_ms_per_call={cpu.TotalMilliseconds / Math.Max(1, calls):F2} cache_hit_rate={hitRate:F2} uncached_recommend_p95_ms={P(uncached, 0.95):F2} import_jobs_per_s={importJobsPerSecond:F0} max_rss_mb={ProcessMemory.PeakResidentBytes() / 1048576.0:F0}");
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or "n/a" where there is none.</summary>
    /// <summary>The gen0 budget the GC runs with (the runtime reports DOTNET_GCgen0size, or its own default, as GCGen0MaxBudget once a
    /// collection has run; the caller forces one first).</summary>
    private static string Gen0Budget() =>
        GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var value) && value is long bytes
            ? FormattableString.Invariant($"GC gen0 budget {bytes / 1048576.0:F1} MB (DOTNET_GCgen0size sets it)")
            : "GC gen0 budget not reported";

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static double P(IReadOnlyList<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}
