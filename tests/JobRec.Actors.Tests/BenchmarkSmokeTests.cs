using System.Text.RegularExpressions;
using JobRec.Actors.Benchmarks;
using JobRec.Client;

namespace JobRec.Actors.Tests;

public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Benchmark_runs_every_phase_and_prints_the_summary_line()
    {
        var log = new StringWriter();
        var result = await ActorBenchmark.RunAsync(
            new ActorBenchmarkOptions { Seconds = 1, Callers = 50, Grains = 10 },
            async gateway =>
            {
                var client = await ClusterClient.ConnectAsync(gateway);
                return (client, client);
            },
            log);

        Assert.True(result.LocalCallsPerSecond > 0 && result.GatewayCallsPerSecond > 0 && result.ChannelCallsPerSecond > 0 && result.DirectCallsPerSecond > 0, log.ToString());
        Assert.Matches(new Regex(@"^actors: local_calls_per_s=\d+ local_p99_ms=\d+\.\d{3} gateway_calls_per_s=\d+ gateway_p99_ms=\d+\.\d{3} channel_calls_per_s=\d+$"), result.SummaryLine);
    }

    [Fact]
    public void Histogram_quantiles_are_within_bucket_resolution()
    {
        var h = new LatencyHistogram();
        for (var us = 1; us <= 10_000; us++)
        {
            h.RecordMicroseconds(us);
        }

        Assert.InRange(h.QuantileMs(0.5), 4.9, 5.4);
        Assert.InRange(h.QuantileMs(0.99), 9.8, 10.5);
        Assert.Equal(10_000, h.Count);
        Assert.Equal(0.002, h.QuantileMs(0.0001), 6); // 1 us lands in the linear bucket [1, 2) us, reported by its upper bound
    }
}
