using System.Globalization;

namespace JobRec.Silo.Benchmarks;

/// <summary>Numbers of one benchmark run.</summary>
public sealed record ActorBenchmarkResult(
    double LocalCallsPerSecond,
    double LocalP50Ms,
    double LocalP99Ms,
    double GatewayCallsPerSecond,
    double GatewayP50Ms,
    double GatewayP99Ms,
    double DirectCallsPerSecond,
    double ChannelCallsPerSecond,
    double LocalCallsPerCpuSecond,
    double GatewayCallsPerCpuSecond)
{
    /// <summary>The benchmark's last line, in the format issue 2 fixes.</summary>
    public string SummaryLine => string.Create(
        CultureInfo.InvariantCulture,
        $"actors: local_calls_per_s={LocalCallsPerSecond:0} local_p99_ms={LocalP99Ms:0.000} gateway_calls_per_s={GatewayCallsPerSecond:0} gateway_p99_ms={GatewayP99Ms:0.000} channel_calls_per_s={ChannelCallsPerSecond:0}");
}
