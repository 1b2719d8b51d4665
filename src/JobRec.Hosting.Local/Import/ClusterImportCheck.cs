using System.Diagnostics;
using JobRec.Client;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;
using JobRec.Data.Import;
using JobRec.Data.Reading;
using JobRec.Grains.Ingest;
using Orleans;
using Orleans.Runtime;

namespace JobRec.Hosting.Local.Import;

/// <summary>
/// Imports a source into a running <see cref="LocalSiloCluster"/> through a client spread over every silo's gateway
/// (<see cref="GrainIngestSink"/> behind <see cref="AcknowledgingIngestSink"/>), kills one silo with SIGKILL once a share of the jobs has
/// been written (the silo holding the most index shards: a batch is in flight), lets the import finish on the survivors, then checks that
/// every acknowledged job is stored (job state and shard entry in PostgreSQL) and served (read back through the cluster's job grains and
/// index shards, all ids or a sample, and the shards' job counts).
/// </summary>
public static class ClusterImportCheck
{
    private const string ShardGrainClass = "JobRec.Grains.Indexing.IndexShardGrain";
    private const int ReadChunk = 200;

    /// <summary>Runs the import and the check; the silos of <paramref name="cluster"/> must be started and active. Progress lines go to
    /// <paramref name="log"/>; <paramref name="progress"/> (optional) receives the pipeline's progress.</summary>
    public static async Task<ClusterImportCheckResult> RunAsync(LocalSiloCluster cluster, IDataSource source, ClusterImportCheckOptions options, TextWriter log,
        IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var silos = cluster.Silos.Where(s => !s.HasExited).ToList();
        if (options.KillAt > 0 && (silos.Count < 2 || options.ExpectedJobs <= 0))
        {
            throw new ArgumentException($"killing a silo at {options.KillAt:0.##} of the import needs at least 2 running silos (have {silos.Count}) and ExpectedJobs (have {options.ExpectedJobs})", nameof(options));
        }

        await using var client = await JobRecClient.ConnectAsync(silos.Select(s => s.Gateway).ToList(), o =>
        {
            o.OperatorKey = cluster.OperatorKey;
            o.ResponseTimeout = options.CallTimeout;
        }, cancellationToken).ConfigureAwait(false);
        var grains = new GrainIngestSink(client.Grains);
        var sink = new AcknowledgingIngestSink(grains);
        var peakRss = new long[silos.Count];
        IReadOnlyList<int> shardsBefore = [];
        LocalSiloProcess? victim = null;
        DateTime killedAt = default;
        long killedAfter = 0;
        var declaredDead = TimeSpan.Zero;
        using var importEnded = new CancellationTokenSource();
        var killer = options.KillAt <= 0 ? Task.CompletedTask : Task.Run(async () =>
        {
            // A condition, not a time: the kill goes out once the sink has written the share of jobs (chunks of 64, a batch in flight).
            var threshold = (long)(options.ExpectedJobs * options.KillAt);
            while (grains.JobsImported < threshold)
            {
                await Task.Delay(10, importEnded.Token).ConfigureAwait(false);
            }

            try
            {
                shardsBefore = await ShardsPerSiloAsync(client, silos).ConfigureAwait(false);
            }
            catch (Exception e) when (IngestRetry.IsTransient(e) || e is OrleansException)
            {
                log.WriteLine($"cluster-import: could not list the shards' silos ({e.GetType().Name}: {FirstLine(e.Message)}); killing the last silo");
                shardsBefore = new int[silos.Count];
            }

            var index = Enumerable.Range(0, silos.Count).OrderByDescending(i => shardsBefore[i]).ThenByDescending(i => i).First();
            victim = silos[index];
            peakRss[index] = victim.PeakResidentBytes;
            killedAfter = grains.JobsImported;
            killedAt = DateTime.UtcNow;
            victim.Kill();
            log.WriteLine($"cluster-import: killed {victim.SiloId} (kill -9, pid {victim.ProcessId}) after {killedAfter} jobs written; shards per silo before: {string.Join(',', shardsBefore)}");
            // Watched while the import goes on, so the time is the cluster's detection, not the rest of the import.
            declaredDead = await cluster.WaitForDeathAsync(victim.SiloId, killedAt, TimeSpan.FromSeconds(180)).ConfigureAwait(false);
            log.WriteLine($"cluster-import: {victim.SiloId} was declared dead {declaredDead.TotalSeconds:0.0} s after the kill");
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        string? error = null;
        IngestReport? report = null;
        try
        {
            report = await IngestPipeline.RunAsync(source, sink, new IngestOptions
            {
                BatchSize = options.BatchSize,
                ExpectedItems = options.ExpectedJobs,
                Progress = progress,
                ProgressInterval = TimeSpan.FromSeconds(1),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"{e.GetType().Name}: {FirstLine(e.Message)}";
            log.WriteLine($"cluster-import: the import stopped: {error}");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await importEnded.CancelAsync().ConfigureAwait(false);
        try
        {
            await killer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.WriteLine("cluster-import: the import ended before the kill point; no silo was killed");
        }

        log.WriteLine($"cluster-import: import {(error is null ? "completed" : "stopped")} after {seconds:0.0} s; {sink.AcknowledgedCount} jobs acknowledged, " +
                      $"{grains.Retries} calls and {sink.BatchRetries} batches retried");
        for (var i = 0; i < silos.Count; i++)
        {
            if (silos[i] != victim)
            {
                peakRss[i] = silos[i].PeakResidentBytes;
            }
        }

        var shardsAfter = await ShardsPerSiloAsync(client, silos).ConfigureAwait(false);
        var acknowledged = sink.AcknowledgedJobs.ToList();
        var stored = await StoredJobs.LoadAsync(cluster.DataSource, cancellationToken).ConfigureAwait(false);
        var missing = acknowledged.Where(id => !stored.HasState(id) || !stored.HasShardEntry(id)).ToHashSet(StringComparer.Ordinal);
        var (indexed, notServed, checkedIds) = await ReadBackAsync(client.Grains, acknowledged, options.ServedSample, cancellationToken).ConfigureAwait(false);
        missing.UnionWith(notServed);
        foreach (var id in missing.Take(10))
        {
            log.WriteLine($"cluster-import: LOST {id}: state={(stored.HasState(id) ? "stored" : "missing")} shard_entry={(stored.HasShardEntry(id) ? "stored" : "missing")} served={(notServed.Contains(id) ? "no" : "yes or not checked")}");
        }

        if (indexed < acknowledged.Count && error is null)
        {
            error = $"the index shards hold {indexed} jobs, fewer than the {acknowledged.Count} acknowledged";
            log.WriteLine($"cluster-import: {error}");
        }

        return new ClusterImportCheckResult(
            report?.ImportedByKind.GetValueOrDefault("jobs") ?? options.ExpectedJobs, acknowledged.Count, stored.States, indexed, missing.Count, checkedIds,
            seconds, peakRss.Select(b => b / (1024 * 1024)).ToList(), shardsAfter, shardsBefore, victim?.SiloId, killedAfter,
            declaredDead.TotalSeconds, grains.Retries + sink.BatchRetries, error);
    }

    /// <summary>Index shard activations per silo (in the order of <paramref name="silos"/>), from Orleans' management grain.</summary>
    public static async Task<IReadOnlyList<int>> ShardsPerSiloAsync(JobRecClient client, IReadOnlyList<LocalSiloProcess> silos)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(silos);
        var management = client.Grains.GetGrain<IManagementGrain>(0);
        // Unfiltered: the silos filter by a type name form of their own; the shard grains are told apart here by their grain type.
        var stats = await IngestRetry.RunAsync(() => management.GetDetailedGrainStatistics()).ConfigureAwait(false);
        var counts = new int[silos.Count];
        foreach (var s in stats.Where(s => s.GrainId.Type.ToString() == ShardGrainClass || s.GrainType.StartsWith(ShardGrainClass, StringComparison.Ordinal)))
        {
            var i = FindIndex(silos, p => p.SiloEndpoint.EndsWith($":{s.SiloAddress.Endpoint.Port}", StringComparison.Ordinal));
            if (i >= 0)
            {
                counts[i]++;
            }
        }

        return counts;
    }

    /// <summary>The jobs every shard holds (sum), and which of a sample of <paramref name="ids"/> (all when at most
    /// <paramref name="sample"/>) their job grain or their shard does not return.</summary>
    private static async Task<(long Indexed, HashSet<string> NotServed, int Checked)> ReadBackAsync(IGrainFactory grains, IReadOnlyList<string> ids, int sample,
        CancellationToken cancellationToken)
    {
        var first = await IngestRetry.RunAsync(() => grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(0)).GetStatusAsync(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var shardCount = first.ShardCount;
        var indexed = 0L;
        for (var s = 0; s < shardCount; s++)
        {
            var shard = grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s));
            indexed += (await IngestRetry.RunAsync(() => shard.GetStatusAsync(), cancellationToken: cancellationToken).ConfigureAwait(false)).Jobs;
        }

        var chosen = ids.Count <= sample ? ids : ids.OrderBy(id => (uint)StringComparer.Ordinal.GetHashCode(id)).Take(sample).ToList();
        var notServed = new HashSet<string>(StringComparer.Ordinal);
        var chunks = chosen.GroupBy(id => ShardRouting.ShardOf(id, shardCount)).SelectMany(g => g.Chunk(ReadChunk).Select(c => (Shard: g.Key, Ids: c))).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var shard = grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(chunk.Shard));
            var entries = await IngestRetry.RunAsync(() => shard.GetEntriesAsync(chunk.Ids), cancellationToken: token).ConfigureAwait(false);
            var inShard = entries.Select(e => e.Job.Id).ToHashSet(StringComparer.Ordinal);
            var jobs = await Task.WhenAll(chunk.Ids.Select(id => IngestRetry.RunAsync(() => grains.GetGrain<IJobGrain>(id).GetAsync(), cancellationToken: token))).ConfigureAwait(false);
            lock (notServed)
            {
                for (var i = 0; i < chunk.Ids.Length; i++)
                {
                    if (jobs[i] is null || !inShard.Contains(chunk.Ids[i]))
                    {
                        notServed.Add(chunk.Ids[i]);
                    }
                }
            }
        }).ConfigureAwait(false);
        return (indexed, notServed, chosen.Count);
    }

    private static int FindIndex(IReadOnlyList<LocalSiloProcess> silos, Predicate<LocalSiloProcess> match)
    {
        for (var i = 0; i < silos.Count; i++)
        {
            if (match(silos[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOfAny(['\r', '\n']);
        return cut < 0 ? message : message[..cut];
    }
}
