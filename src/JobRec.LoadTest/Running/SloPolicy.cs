using System.Globalization;

namespace JobRec.LoadTest.Running;

/// <summary>Service-level objectives a run must meet: an overall p99 bound and a maximum error rate; unset bounds are not checked.</summary>
/// <param name="P99Ms">Largest allowed overall p99 latency in milliseconds, or null.</param>
/// <param name="MaxErrorRate">Largest allowed fraction of failed calls (0..1), or null.</param>
public sealed record SloPolicy(double? P99Ms, double? MaxErrorRate)
{
    /// <summary>Exit code of a run that violated an objective.</summary>
    public const int ViolationExitCode = 2;

    /// <summary>Describes every violated objective; empty when the run passed.</summary>
    public IReadOnlyList<string> Violations(LoadTestResult result)
    {
        var violations = new List<string>();
        var p99 = result.Overall.PercentileMs(0.99);
        if (P99Ms is { } bound && p99 > bound)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"p99 {p99:F2} ms exceeds --slo-p99-ms {bound}"));
        }

        if (MaxErrorRate is { } maxRate && result.ErrorRate > maxRate)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"error rate {result.ErrorRate:P3} ({result.TotalErrors}/{result.TotalOps}) exceeds --max-error-rate {maxRate}"));
        }

        if (result.TotalOps == 0 && (P99Ms is not null || MaxErrorRate is not null))
        {
            violations.Add("no call completed in the measured window");
        }

        return violations;
    }

    /// <summary>0 when every objective holds, <see cref="ViolationExitCode"/> otherwise.</summary>
    public int ExitCode(LoadTestResult result) => Violations(result).Count == 0 ? 0 : ViolationExitCode;
}
