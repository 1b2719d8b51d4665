using JobRec.LoadTest.Measurement;
using JobRec.Measurement;

namespace JobRec.LoadTest.Running;

/// <summary>What one run measured: per-operation statistics over the measured window.</summary>
/// <param name="Options">The settings of the run.</param>
/// <param name="Operations">Statistics per operation name.</param>
/// <param name="MeasuredSeconds">Length of the measured window in seconds.</param>
/// <param name="Started">Intended call starts in the measured window (open loop) or calls started (closed loop).</param>
/// <param name="CancelledAtGrace">Calls still running at the grace timeout, cancelled and not counted.</param>
public sealed record LoadTestResult(
    LoadTestOptions Options,
    IReadOnlyList<OperationStats> Operations,
    double MeasuredSeconds,
    long Started,
    long CancelledAtGrace)
{
    /// <summary>Completed calls (successes and errors).</summary>
    public long TotalOps => Operations.Sum(o => o.Latency.Count);

    /// <summary>Failed calls.</summary>
    public long TotalErrors => Operations.Sum(o => o.Errors);

    /// <summary>Completed calls per measured second.</summary>
    public double OpsPerSecond => MeasuredSeconds <= 0 ? 0 : TotalOps / MeasuredSeconds;

    /// <summary>Errors divided by completed calls, 0 when none completed.</summary>
    public double ErrorRate => TotalOps == 0 ? 0 : (double)TotalErrors / TotalOps;

    /// <summary>All operations' latencies merged.</summary>
    public LatencyHistogram Overall
    {
        get
        {
            var all = new LatencyHistogram();
            foreach (var o in Operations)
            {
                all.Add(o.Latency);
            }

            return all;
        }
    }

    /// <summary>The summary line: loadtest: ops=.. ops_per_s=.. p50_ms=.. p99_ms=.. errors=...</summary>
    public string SummaryLine()
    {
        var all = Overall;
        return FormattableString.Invariant(
            $"loadtest: ops={TotalOps} ops_per_s={OpsPerSecond:F1} p50_ms={all.PercentileMs(0.5):F2} p99_ms={all.PercentileMs(0.99):F2} errors={TotalErrors}");
    }
}
