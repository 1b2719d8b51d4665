using JobRec.Vectors.Benchmarks;
using JobRec.Vectors.Ivf;

namespace JobRec.Vectors.Tests.Benchmarks;

public sealed class InvertedFileIngestBenchmarkTests
{
    [Fact]
    public void A_small_run_ends_clustered_reports_progress_and_prints_its_summary_line()
    {
        var lines = new List<string>();
        var result = InvertedFileIngestBenchmark.Run(6000, 16, batch: 250, k: 5, encoding: InvertedListEncoding.Float32, progress: lines.Add);

        Assert.Equal(6000, result.N);
        Assert.True(result.Lists > 1, "the index never clustered");
        Assert.True(result.AddsPerSecond > 0 && result.AddBatchMaxMs >= result.AddBatchP99Ms);
        Assert.Contains(lines, l => l.Contains("of 6000 vectors added") && l.Contains("s left"));
        Assert.Matches(@"^ivf_ingest: n=6000 dim=16 encoding=float32 adds_per_s=\d+ add_batch_p99_ms=[\d.]+ add_batch_max_ms=[\d.]+ searches=\d+ " +
                       @"search_p99_ms=[\d.]+ search_max_ms=[\d.]+ lists=\d+ maintenance_after_adds_s=[\d.]+ search_after_p99_ms=[\d.]+$", result.ToString());
    }
}
