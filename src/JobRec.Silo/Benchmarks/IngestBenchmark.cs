using System.Diagnostics;
using JobRec.Data.Import;
using JobRec.Data.Reading;
using JobRec.Grains.Inference;
using JobRec.Grains.Ingest;
using JobRec.ML.Text;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Orleans;

namespace JobRec.Silo.Benchmarks;

/// <summary>End-to-end import rate on one embedded silo (grain state in memory): a source read as it streams, encoded in the silo's
/// inference pool, written through the job grains and batched into the index shards by <see cref="GrainIngestSink"/>.</summary>
public static class IngestBenchmark
{
    /// <summary>Imports <paramref name="source"/> and returns <c>bench ingest: source=.. jobs=.. seconds=.. jobs_per_s=.. encoder=..
    /// encoder_share=.. retries=.. max_rss_mb=..</c>; <paramref name="checkpointPath"/> makes the import resumable, <paramref name="expectedItems"/>
    /// (when known) gives progress an ETA.</summary>
    public static async Task<string> RunAsync(IDataSource source, ITextEncoder encoder, string encoderName, string? checkpointPath, long expectedItems,
        TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(log);
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-bench-ingest-" + Guid.NewGuid().ToString("N"));
        var app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = dir,
            InMemoryState = true,
            Dashboard = false,
            Metrics = false,
            HttpUrl = new Uri("http://127.0.0.1:0"),
            Encoder = new TimedEncoder(encoder),
        });
        await using var _ = app.ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var models = app.Services.GetRequiredService<InferenceModels>();
        var timed = (TimedEncoder)models.Encoder;
        var sink = new GrainIngestSink(app.Services.GetRequiredService<IGrainFactory>());
        var clock = Stopwatch.StartNew();
        var report = await IngestPipeline.RunAsync(source, sink, new IngestOptions
        {
            BatchSize = 4096,
            CheckpointPath = checkpointPath,
            ExpectedItems = expectedItems,
            Progress = ConsoleProgressBar.ForStandardError(),
            ProgressInterval = TimeSpan.FromSeconds(1),
        }, cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        log.WriteLine(report.ToString());
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }

        var jobs = report.ImportedByKind.GetValueOrDefault("jobs");
        return FormattableString.Invariant(
            $"bench ingest: source={source.Name} jobs={jobs} seconds={seconds:F1} jobs_per_s={jobs / Math.Max(1e-9, seconds):F0} encoder={encoderName} encoder_texts_per_s={timed.TextsPerSecond:F0} encoder_share={timed.Busy.TotalSeconds / Math.Max(1e-9, seconds):F2} retries={sink.Retries} rejected={report.Rejected} max_rss_mb={ProcessMemory.PeakResidentBytes() / 1048576.0:F0}");
    }

    /// <summary>Wraps an encoder to measure the time spent in it (its share of the import's wall time).</summary>
    public sealed class TimedEncoder(ITextEncoder inner) : ITextEncoder
    {
        private long _ticks;
        private long _texts;

        /// <inheritdoc />
        public int Dimension => inner.Dimension;

        /// <summary>Wall time spent encoding (summed over concurrent calls).</summary>
        public TimeSpan Busy => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        /// <summary>Texts encoded per second of encoding time.</summary>
        public double TextsPerSecond => Interlocked.Read(ref _texts) / Math.Max(1e-9, Busy.TotalSeconds);

        /// <inheritdoc />
        public float[] Encode(IReadOnlyList<string> texts)
        {
            var started = Stopwatch.GetTimestamp();
            var result = inner.Encode(texts);
            Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
            Interlocked.Add(ref _texts, texts.Count);
            return result;
        }
    }
}
