using JobRec.Contracts.Operations;
using JobRec.Data.Model;
using JobRec.Evaluation.Metrics;
using JobRec.ML.Models;

namespace JobRec.Silo.Demo;

/// <summary>Evaluates what the running grains serve (recommend through the user grains) against held-out interactions, next to global popularity
/// and the baselines of the served model's stored evaluation (popularity-in-region, item-kNN, content-based, ...).</summary>
public static class ServedRecommenderEvaluation
{
    /// <summary>One row of the table.</summary>
    /// <param name="Model">Model name.</param>
    /// <param name="Users">Users evaluated.</param>
    /// <param name="Metrics">Metric name ("MAP@10") to mean value.</param>
    public sealed record Row(string Model, int Users, IReadOnlyDictionary<string, double> Metrics);

    /// <summary>MAP@K, Recall@K and NDCG@K for the served recommender and popularity over up to <paramref name="maxUsers"/> test users with known profiles.</summary>
    public static async Task<IReadOnlyList<Row>> RunAsync(JobRecOperations ops, MarketSnapshot snapshot, IReadOnlyList<int> ks, int maxUsers, CancellationToken cancellationToken)
    {
        var known = snapshot.Users.Select(u => u.Id).ToHashSet();
        var seen = snapshot.Train.GroupBy(i => i.UserId).ToDictionary(g => g.Key, g => g.Select(i => i.JobId).ToHashSet());
        var relevant = snapshot.Test.Where(i => known.Contains(i.UserId)).GroupBy(i => i.UserId)
            .Select(g => (User: g.Key, Jobs: (IReadOnlySet<string>)g.Select(i => i.JobId).Where(j => !seen.GetValueOrDefault(g.Key, []).Contains(j)).ToHashSet()))
            .Where(t => t.Jobs.Count > 0).OrderBy(t => t.User, StringComparer.Ordinal).Take(maxUsers).ToList();
        var maxK = ks.Max();
        var popular = snapshot.Train.GroupBy(i => i.JobId).OrderByDescending(g => g.Sum(i => Weight(i.Kind))).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).Take(maxK + 200).ToList();

        var served = new IReadOnlyList<string>[relevant.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, relevant.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var list = await ops.RecommendAsync(relevant[i].User, Math.Min(maxK, Contracts.ContractLimits.MaxK)).ConfigureAwait(false);
            served[i] = list.Jobs.Select(j => j.Job.Id).ToList();
        }).ConfigureAwait(false);
        var baseline = relevant.Select(r => (IReadOnlyList<string>)popular.Where(j => !seen.GetValueOrDefault(r.User, []).Contains(j)).Take(maxK).ToList()).ToArray();
        return [Score("served (grains + FM re-rank)", served, relevant, ks), Score("popularity", baseline, relevant, ks)];
    }

    /// <summary>Rows of an offline evaluation stored with the served model (the model itself and the baselines), in this table's metric names.</summary>
    public static IEnumerable<Row> RowsOf(IReadOnlyList<ModelEvaluationRow> evaluation, int users, IReadOnlyList<int> ks)
    {
        var kMax = ks.Max();
        foreach (var row in evaluation)
        {
            var metrics = new Dictionary<string, double>();
            foreach (var k in ks)
            {
                metrics[$"MAP@{k}"] = row.Metrics.GetValueOrDefault($"map@{k}");
            }

            metrics[$"Recall@{kMax}"] = row.Metrics.GetValueOrDefault($"recall@{kMax}");
            metrics[$"NDCG@{kMax}"] = row.Metrics.GetValueOrDefault($"ndcg@{kMax}");
            yield return new Row(row.IsBaseline ? row.Model : $"{row.Model}, offline", users, metrics);
        }
    }

    /// <summary>One line naming the strongest baseline by MAP@10 and how the served recommendations compare with it.</summary>
    public static string StrongestBaselineLine(IReadOnlyList<Row> rows, IReadOnlyList<ModelEvaluationRow> evaluation)
    {
        var baselines = evaluation.Where(e => e.IsBaseline).Select(e => e.Model).ToHashSet();
        baselines.Add("popularity");
        var best = rows.Where(r => baselines.Contains(r.Model)).OrderByDescending(r => r.Metrics.GetValueOrDefault("MAP@10")).FirstOrDefault();
        var served = rows[0].Metrics.GetValueOrDefault("MAP@10");
        if (best is null)
        {
            return FormattableString.Invariant($"strongest baseline: none evaluated; served MAP@10={served:F4}");
        }

        var map = best.Metrics.GetValueOrDefault("MAP@10");
        var ratio = map > 0 ? FormattableString.Invariant($" ({served / map:F2}x)") : "";
        return FormattableString.Invariant($"strongest baseline: {best.Model} MAP@10={map:F4}; served MAP@10={served:F4}{ratio}");
    }

    /// <summary>The rows as a Markdown table.</summary>
    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var columns = rows[0].Metrics.Keys.ToList();
        var lines = new List<string>
        {
            "| model | users | " + string.Join(" | ", columns) + " |",
            "| --- | ---: | " + string.Join(" | ", columns.Select(_ => "---:")) + " |",
        };
        lines.AddRange(rows.Select(r => $"| {r.Model} | {r.Users} | " + string.Join(" | ", columns.Select(c => r.Metrics[c].ToString("F4", System.Globalization.CultureInfo.InvariantCulture))) + " |"));
        return string.Join(Environment.NewLine, lines);
    }

    private static Row Score(string model, IReadOnlyList<string>[] ranked, IReadOnlyList<(string User, IReadOnlySet<string> Jobs)> relevant, IReadOnlyList<int> ks)
    {
        var metrics = new Dictionary<string, double>();
        foreach (var k in ks)
        {
            metrics[$"MAP@{k}"] = Mean(ranked, relevant, (r, rel) => RankingMetrics.AveragePrecision(r, rel, k));
        }

        var kMax = ks.Max();
        metrics[$"Recall@{kMax}"] = Mean(ranked, relevant, (r, rel) => RankingMetrics.Recall(r, rel, kMax));
        metrics[$"NDCG@{kMax}"] = Mean(ranked, relevant, (r, rel) => RankingMetrics.Ndcg(r, rel, kMax));
        return new Row(model, relevant.Count, metrics);
    }

    private static double Mean(IReadOnlyList<string>[] ranked, IReadOnlyList<(string User, IReadOnlySet<string> Jobs)> relevant, Func<IReadOnlyList<string>, IReadOnlySet<string>, double> metric) =>
        relevant.Count == 0 ? 0 : Enumerable.Range(0, relevant.Count).Average(i => metric(ranked[i], relevant[i].Jobs));

    private static float Weight(InteractionKind kind) => kind switch { InteractionKind.Apply => 3f, InteractionKind.Save => 2f, _ => 1f };
}
