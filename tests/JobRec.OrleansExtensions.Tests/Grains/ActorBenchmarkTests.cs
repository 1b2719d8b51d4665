using System.Text.RegularExpressions;
using JobRec.Client;
using JobRec.Silo.Benchmarks;

namespace JobRec.OrleansExtensions.Tests.Grains;

public sealed class ActorBenchmarkTests
{
    [Fact]
    public async Task The_benchmark_runs_every_phase_on_Orleans_and_prints_the_summary_line()
    {
        var log = new StringWriter();
        var result = await ActorBenchmark.RunAsync(
            new ActorBenchmarkOptions { Seconds = 1, Callers = 50, Grains = 10 },
            async gateway =>
            {
                var client = await JobRecClient.ConnectAsync(gateway);
                return (client.Grains, client);
            },
            log);

        Assert.True(result.LocalCallsPerSecond > 0 && result.GatewayCallsPerSecond > 0 && result.ChannelCallsPerSecond > 0 && result.DirectCallsPerSecond > 0, log.ToString());
        Assert.Matches(new Regex(@"^actors: local_calls_per_s=\d+ local_p99_ms=\d+\.\d{3} gateway_calls_per_s=\d+ gateway_p99_ms=\d+\.\d{3} channel_calls_per_s=\d+$"), result.SummaryLine);
    }
}
