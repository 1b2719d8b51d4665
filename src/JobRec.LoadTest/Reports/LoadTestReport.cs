using System.Globalization;
using System.Text;
using System.Text.Json;
using JobRec.LoadTest.Running;
using JobRec.Measurement;

namespace JobRec.LoadTest.Reports;

/// <summary>Writes a run's JSON and Markdown reports and its SVG latency-over-time and percentile plots.</summary>
public static class LoadTestReport
{
    private static readonly double[] Quantiles = [0.5, 0.9, 0.99, 0.999];

    /// <summary>Writes loadtest.json, loadtest.md, latency-over-time.svg and percentiles.svg into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, string target, LoadTestResult result, IReadOnlyList<string> sloViolations)
    {
        Directory.CreateDirectory(directory);
        var paths = new[]
        {
            Path.Combine(directory, "loadtest.json"),
            Path.Combine(directory, "loadtest.md"),
            Path.Combine(directory, "latency-over-time.svg"),
            Path.Combine(directory, "percentiles.svg"),
        };
        File.WriteAllText(paths[0], ToJson(target, result, sloViolations));
        File.WriteAllText(paths[1], ToMarkdown(target, result, sloViolations));
        File.WriteAllText(paths[2], LatencyOverTime(result));
        File.WriteAllText(paths[3], PercentilePlot(result));
        return paths;
    }

    /// <summary>The report as indented JSON: totals, SLO violations and per-operation percentiles and errors.</summary>
    public static string ToJson(string target, LoadTestResult result, IReadOnlyList<string> sloViolations)
    {
        var all = result.Overall;
        var doc = new
        {
            target,
            mode = result.Options.Mode.ToString().ToLowerInvariant(),
            users = result.Options.Users,
            rate_per_s = result.Options.RatePerSecond,
            warmup_s = result.Options.WarmUp.TotalSeconds,
            duration_s = result.Options.Duration.TotalSeconds,
            measured_s = result.MeasuredSeconds,
            ops = result.TotalOps,
            ops_per_s = result.OpsPerSecond,
            errors = result.TotalErrors,
            error_rate = result.ErrorRate,
            cancelled_at_grace = result.CancelledAtGrace,
            p50_ms = all.PercentileMs(0.5),
            p90_ms = all.PercentileMs(0.9),
            p99_ms = all.PercentileMs(0.99),
            p999_ms = all.PercentileMs(0.999),
            max_ms = all.MaxMicros / 1000.0,
            slo_violations = sloViolations,
            operations = result.Operations.Select(o => new
            {
                name = o.Name,
                ops = o.Latency.Count,
                ops_per_s = result.MeasuredSeconds <= 0 ? 0 : o.Latency.Count / result.MeasuredSeconds,
                p50_ms = o.Latency.PercentileMs(0.5),
                p90_ms = o.Latency.PercentileMs(0.9),
                p99_ms = o.Latency.PercentileMs(0.99),
                p999_ms = o.Latency.PercentileMs(0.999),
                max_ms = o.Latency.MaxMicros / 1000.0,
                mean_ms = o.Latency.MeanMicros / 1000.0,
                errors = o.ErrorsByType,
            }),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The report as a Markdown table per operation with the error types below.</summary>
    public static string ToMarkdown(string target, LoadTestResult result, IReadOnlyList<string> sloViolations)
    {
        var sb = new StringBuilder();
        var o = result.Options;
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("# Load test report").AppendLine();
        sb.AppendLine(inv, $"Target `{target}`, {(o.Mode == LoadMode.Closed ? $"closed loop, {o.Users} users, think {o.ThinkTime.TotalMilliseconds} ms" : $"open loop, {o.RatePerSecond} arrivals/s")}, warm-up {o.WarmUp.TotalSeconds} s, measured {result.MeasuredSeconds:F1} s.").AppendLine();
        sb.AppendLine("| operation | ops | ops/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in result.Operations)
        {
            sb.AppendLine(inv, $"| {s.Name} | {s.Latency.Count} | {(result.MeasuredSeconds <= 0 ? 0 : s.Latency.Count / result.MeasuredSeconds):F1} | {s.Latency.PercentileMs(0.5):F2} | {s.Latency.PercentileMs(0.9):F2} | {s.Latency.PercentileMs(0.99):F2} | {s.Latency.PercentileMs(0.999):F2} | {s.Latency.MaxMicros / 1000.0:F2} | {s.Errors} |");
        }

        var all = result.Overall;
        sb.AppendLine(inv, $"| **all** | {result.TotalOps} | {result.OpsPerSecond:F1} | {all.PercentileMs(0.5):F2} | {all.PercentileMs(0.9):F2} | {all.PercentileMs(0.99):F2} | {all.PercentileMs(0.999):F2} | {all.MaxMicros / 1000.0:F2} | {result.TotalErrors} |").AppendLine();
        foreach (var s in result.Operations.Where(s => s.Errors > 0))
        {
            sb.AppendLine(inv, $"Errors of {s.Name}: {string.Join(", ", s.ErrorsByType.Select(e => $"{e.Key} x{e.Value}"))}");
        }

        sb.AppendLine(sloViolations.Count == 0 ? "SLO: met." : $"SLO violated: {string.Join("; ", sloViolations)}.");
        sb.AppendLine().AppendLine("![latency over time](latency-over-time.svg) ![percentiles](percentiles.svg)");
        return sb.ToString();
    }

    private static string LatencyOverTime(LoadTestResult result)
    {
        var chart = new SvgLineChart { Title = "p99 latency per second", XLabel = "second of measured window", YLabel = "p99 ms", LogY = true };
        foreach (var s in result.Operations.Where(s => s.Timeline.Count > 0))
        {
            chart.Add(s.Name, s.Timeline.OrderBy(kv => kv.Key).Select(kv => ((double)kv.Key, Math.Max(0.001, kv.Value.PercentileMs(0.99)))));
        }

        return chart.Series.Count == 0 ? EmptyChart() : chart.Render();
    }

    private static string PercentilePlot(LoadTestResult result)
    {
        var chart = new SvgLineChart { Title = "latency by percentile (x = nines: 1 = p90, 2 = p99, 3 = p99.9)", XLabel = "-log10(1 - q)", YLabel = "ms", LogY = true };
        foreach (var s in result.Operations.Where(s => s.Latency.Count > 0))
        {
            chart.Add(s.Name, Quantiles.Select(q => (-Math.Log10(1 - q), Math.Max(0.001, s.Latency.PercentileMs(q)))));
        }

        return chart.Series.Count == 0 ? EmptyChart() : chart.Render();
    }

    private static string EmptyChart() =>
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"60\"><text x=\"10\" y=\"30\">no completed calls</text></svg>";
}
