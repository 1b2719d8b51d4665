using System.Diagnostics;
using JobRec.Vectors.Ivf;

namespace JobRec.Vectors.Benchmarks;

/// <summary>What <see cref="InvertedFileIngestBenchmark"/> measured; <see cref="ToString"/> is the <c>ivf_ingest:</c> summary line.</summary>
public sealed record InvertedFileIngestResult(
    int N, int Dimension, InvertedListEncoding Encoding, double AddsPerSecond, double AddBatchP99Ms, double AddBatchMaxMs,
    int Searches, double SearchP99Ms, double SearchMaxMs, int Lists, double MaintenanceAfterAddsSeconds, double SearchAfterP99Ms)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"ivf_ingest: n={N} dim={Dimension} encoding={Encoding.ToString().ToLowerInvariant()} adds_per_s={AddsPerSecond:F0} " +
        $"add_batch_p99_ms={AddBatchP99Ms:F1} add_batch_max_ms={AddBatchMaxMs:F1} searches={Searches} search_p99_ms={SearchP99Ms:F2} " +
        $"search_max_ms={SearchMaxMs:F1} lists={Lists} maintenance_after_adds_s={MaintenanceAfterAddsSeconds:F1} search_after_p99_ms={SearchAfterP99Ms:F2}";
}

/// <summary>
/// Ingest into one growing <see cref="InvertedFileIndex"/> as a shard sees it: one writer adds clustered unit vectors in batches while
/// one reader searches top-k without pause; reports add throughput, the longest add and search waits (a re-clustering that held the
/// lock would show as seconds here), and how long the last re-clustering ran on after the adds.
/// </summary>
public static class InvertedFileIngestBenchmark
{
    /// <summary>Runs it; <paramref name="progress"/> gets a line about every tenth of the adds (vectors/s and the time left).</summary>
    public static InvertedFileIngestResult Run(int n, int dimension, int batch = 500, int k = 20, InvertedListEncoding encoding = InvertedListEncoding.Int8,
        int seed = 5, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var vectors = new UnitVectorGenerator(dimension, seed, VectorDistribution.Clustered, clusters: 200).Next(n);
        var queries = new UnitVectorGenerator(dimension, seed + 1, VectorDistribution.Clustered, clusters: 200).Next(256);
        using var index = new InvertedFileIndex(dimension, new InvertedFileOptions { Encoding = encoding });

        var done = false;
        var searchMs = new List<double>();
        var reader = new Thread(() =>
        {
            for (var q = 0; !Volatile.Read(ref done); q++)
            {
                var started = Stopwatch.GetTimestamp();
                index.Search(queries.AsSpan((q % 256) * dimension, dimension), k);
                searchMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }) { IsBackground = true, Name = "ivf-ingest-reader" };
        reader.Start();

        var addMs = new List<double>();
        var ids = new long[batch];
        var clock = Stopwatch.StartNew();
        var nextReport = n / 10;
        for (var start = 0; start < n; start += batch)
        {
            var count = Math.Min(batch, n - start);
            for (var i = 0; i < count; i++)
            {
                ids[i] = start + i;
            }

            var started = Stopwatch.GetTimestamp();
            index.Add(vectors.AsSpan(start * dimension, count * dimension), ids.AsSpan(0, count));
            addMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var added = start + count;
            if (progress is not null && added >= nextReport && added < n)
            {
                var rate = added / clock.Elapsed.TotalSeconds;
                progress($"{added} of {n} vectors added, {rate:F0}/s, about {(n - added) / rate:F0} s left");
                nextReport += n / 10;
            }
        }

        var addSeconds = clock.Elapsed.TotalSeconds;
        var wait = Stopwatch.StartNew();
        index.WaitForMaintenance();
        var maintenanceSeconds = wait.Elapsed.TotalSeconds;
        Volatile.Write(ref done, true);
        reader.Join();

        var after = new List<double>();
        for (var q = 0; q < 1000; q++)
        {
            var started = Stopwatch.GetTimestamp();
            index.Search(queries.AsSpan((q % 256) * dimension, dimension), k);
            after.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new InvertedFileIngestResult(n, dimension, encoding, n / addSeconds, Percentile(addMs, 0.99), addMs.Max(), searchMs.Count,
            searchMs.Count == 0 ? 0 : Percentile(searchMs, 0.99), searchMs.Count == 0 ? 0 : searchMs.Max(), index.ListCount, maintenanceSeconds,
            Percentile(after, 0.99));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
