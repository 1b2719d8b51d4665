using System.Globalization;
using System.Text;
using System.Text.Json;
using JobRec.Evaluation.Runner;
using JobRec.Measurement;

namespace JobRec.Evaluation.Reports;

/// <summary>Renders an evaluation run as a Markdown table, a MAP@K chart (SVG), JSON, and the one-line summary.</summary>
public static class RecommendationReport
{
    /// <summary>First cut-off of the MAP@K chart.</summary>
    public const int ChartMinK = 5;

    /// <summary>Markdown table: one row per model with MAP@K, Recall@K, NDCG@K for each cut-off, MRR, coverage and timings.</summary>
    public static string Markdown(RecommendationEvaluationResult result)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture,
            $"Split `{result.Split}` on {result.Corpus}: {result.Users} test users ({result.ColdUserShare:P0} cold: no training interaction), {result.Jobs} jobs, {result.TrainPairs} training pairs, seed {result.Seed}{(result.Encoder.Length > 0 ? $", encoder {result.Encoder}" : "")}.\n\n");
        if (result.Tuning.Length > 0) md.Append("Tuning: ").Append(result.Tuning).Append("\n\n");
        md.Append("| model |");
        foreach (int k in result.Ks) md.Append(CultureInfo.InvariantCulture, $" MAP@{k} |");
        md.Append(" SE MAP@10 |");
        foreach (int k in result.Ks) md.Append(CultureInfo.InvariantCulture, $" Recall@{k} |");
        foreach (int k in result.Ks) md.Append(CultureInfo.InvariantCulture, $" NDCG@{k} |");
        md.Append(" MRR | Coverage@10 | fit s |\n|---|");
        md.Append(string.Concat(Enumerable.Repeat("---:|", result.Ks.Count * 3 + 4))).Append('\n');
        var best = result.Best()?.Name;
        foreach (var m in result.Models)
        {
            string name = m.Name + (m.IsBaseline ? " (baseline)" : "");
            if (m.Name == best) name = $"**{name}**";
            md.Append("| ").Append(name).Append(" |");
            foreach (int k in result.Ks) md.Append(F(m.Metric($"map@{k}"))).Append(" |");
            md.Append(F(m.Metrics.GetValueOrDefault("map@10_se"))).Append(" |");
            foreach (int k in result.Ks) md.Append(F(m.Metric($"recall@{k}"))).Append(" |");
            foreach (int k in result.Ks) md.Append(F(m.Metric($"ndcg@{k}"))).Append(" |");
            md.Append(F(m.Metric("mrr"))).Append(" |").Append(F(m.Metric("coverage@10"))).Append(" |")
              .Append(CultureInfo.InvariantCulture, $" {m.FitSeconds:F2} |\n");
        }
        return md.ToString();

        static string F(double v) => " " + v.ToString("0.0000", CultureInfo.InvariantCulture);
    }

    /// <summary>The MAP@K chart for K = <see cref="ChartMinK"/>..30, one line per model.</summary>
    public static SvgLineChart MapChart(RecommendationEvaluationResult result)
    {
        var chart = new SvgLineChart { Title = $"MAP@K, {result.Split} split ({result.Users} users, {result.ColdUserShare:P0} cold)", XLabel = "K", YLabel = "MAP@K" };
        foreach (var m in result.Models)
            chart.Add(m.Name, m.MapCurve.Where(p => p.K >= ChartMinK).Select(p => ((double)p.K, p.Map)));
        return chart;
    }

    /// <summary>The whole result as indented JSON.</summary>
    public static string Json(RecommendationEvaluationResult result)
    {
        var document = new
        {
            split = result.Split,
            corpus = result.Corpus,
            seed = result.Seed,
            coldUserShare = result.ColdUserShare,
            tuning = result.Tuning,
            encoder = result.Encoder,
            users = result.Users,
            jobs = result.Jobs,
            trainPairs = result.TrainPairs,
            ks = result.Ks,
            best = result.Best()?.Name,
            bestBaseline = result.BestBaseline()?.Name,
            models = result.Models.Select(m => new
            {
                name = m.Name,
                baseline = m.IsBaseline,
                fitSeconds = m.FitSeconds,
                recommendSeconds = m.RecommendSeconds,
                examplesPerSecond = m.ExamplesPerSecond,
                metrics = m.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
                mapCurve = m.MapCurve.Select(p => new { k = p.K, map = p.Map }),
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The summary line: <c>recommend: users=&lt;n&gt; best=&lt;model&gt; map10=&lt;x&gt; se=&lt;x&gt; baseline_best=&lt;model&gt; baseline_map10=&lt;x&gt; cold_share=&lt;x&gt;</c>.</summary>
    public static string SummaryLine(RecommendationEvaluationResult result)
    {
        var best = result.Best();
        var baseline = result.BestBaseline();
        return string.Create(CultureInfo.InvariantCulture,
            $"recommend: users={result.Users} best={best?.Name ?? "none"} map10={best?.Metric("map@10") ?? 0:0.0000} se={best?.Metrics.GetValueOrDefault("map@10_se") ?? 0:0.0000} baseline_best={baseline?.Name ?? "none"} baseline_map10={baseline?.Metric("map@10") ?? 0:0.0000} cold_share={result.ColdUserShare:0.00}");
    }

    /// <summary>Writes report.md, map_at_k.svg and results.json into the folder; returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(RecommendationEvaluationResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var md = Path.Combine(folder, "report.md");
        var svg = Path.Combine(folder, "map_at_k.svg");
        var json = Path.Combine(folder, "results.json");
        File.WriteAllText(md, Markdown(result));
        MapChart(result).Save(svg);
        File.WriteAllText(json, Json(result));
        return [md, svg, json];
    }
}
