using System.CommandLine;
using System.Globalization;
using JobRec.ML.Onet;

namespace JobRec.Lab.Commands;

/// <summary><c>jobrec-lab evaluate onet-rerank</c>: re-ranker variants on saved candidate lists (<see cref="RerankListFile"/>), trained on the fold
/// lists and scored on the development lists, without retraining the evidence models.</summary>
internal static class OnetRerankExperiment
{
    /// <summary>The command.</summary>
    public static Command Command()
    {
        var lists = new Option<string>("--lists") { Description = "File from jobrec-lab evaluate onet-development --write-lists", Required = true };
        var candidates = new Option<int>("--candidates") { Description = "Keep the first n fused candidates of each list", DefaultValueFactory = _ => 30 }.AtLeast(1);
        var drop = new Option<string>("--drop") { Description = "Feature columns to leave out, e.g. 38-43", DefaultValueFactory = _ => "" };
        drop.Validators.Add(result =>
        {
            try { Columns(result.GetValueOrDefault<string>() ?? ""); }
            catch (FormatException) { result.AddError($"--drop '{result.GetValueOrDefault<string>()}' is not a list of columns or ranges, e.g. 5,38-43"); }
        });
        var hidden = new Option<int>("--hidden") { Description = "Tanh units", DefaultValueFactory = _ => new RerankerOptions().Hidden }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "Epochs", DefaultValueFactory = _ => new RerankerOptions().Epochs }.AtLeast(1);
        var rate = new Option<float>("--lr") { Description = "Adam step", DefaultValueFactory = _ => new RerankerOptions().LearningRate }.Positive();
        var l2 = new Option<float>("--l2") { Description = "Weight decay", DefaultValueFactory = _ => new RerankerOptions().L2 }.AtLeast(0);
        var union = new Option<int>("--union-rank") { Description = "Also keep candidates past --candidates (within the saved lists) that one kind of evidence ranks above this (0: none)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var seeds = new Option<int>("--seeds") { Description = "Rerankers (consecutive seeds) whose scores are averaged", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var command = new Command("onet-rerank", "Re-ranker variants on saved O*NET candidate lists: train on the fold lists, score the development lists");
        foreach (var o in new Option[] { lists, candidates, drop, hidden, epochs, rate, l2, seeds, union }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var (features, training, scored) = RerankListFile.Read(parseResult.GetValue(lists)!);
            var dropped = Columns(parseResult.GetValue(drop)!);
            var columns = Enumerable.Range(0, features).Where(f => !dropped.Contains(f)).ToArray();
            int n = parseResult.GetValue(candidates);
            int r = parseResult.GetValue(union);
            var train = training.Select(l => RerankListFile.Project(Union(l, features, n, r), features, int.MaxValue, columns)).ToArray();
            var score = scored.Select(l => RerankListFile.Project(Union(l, features, n, r), features, int.MaxValue, columns)).ToArray();
            var sum = score.Select(l => new float[l.Candidates.Length]).ToArray();
            for (int s = 0; s < parseResult.GetValue(seeds); s++)
            {
                var options = new RerankerOptions(Candidates: n, Hidden: parseResult.GetValue(hidden), Epochs: parseResult.GetValue(epochs),
                    LearningRate: parseResult.GetValue(rate), L2: parseResult.GetValue(l2), Seed: new RerankerOptions().Seed + s);
                var reranker = OnetReranker.Train(train, columns.Length, options);
                for (int i = 0; i < score.Length; i++)
                {
                    var v = reranker.Score(score[i]);
                    for (int j = 0; j < v.Length; j++) sum[i][j] += v[j];
                }
            }
            var result = new RankingScores();
            for (int i = 0; i < score.Length; i++)
            {
                if (score[i].Relevant < 0) { result.AddRank(0); continue; }
                var row = sum[i];
                int rank = 1;
                for (int j = 0; j < row.Length; j++)
                    if (j != score[i].Relevant && (row[j] > row[score[i].Relevant] || (row[j] == row[score[i].Relevant] && j < score[i].Relevant))) rank++;
                result.AddRank(rank);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"onet-rerank: candidates={n} features={columns.Length} train_lists={train.Count(l => l.Relevant >= 0)} recall={score.Count(l => l.Relevant >= 0) / (double)score.Length:F4} {result}"));
            return 0;
        });
        return command;
    }

    /// <summary>The list's first n candidates plus later ones that an evidence kind ranks within its top r (log-rank columns 5, 8, 11, 14).</summary>
    private static RerankList Union(RerankList list, int features, int n, int r)
    {
        var keep = new List<int>();
        float limit = MathF.Log(1 + r) - 1e-4f;
        for (int j = 0; j < list.Candidates.Length; j++)
            if (j < n || (r > 0 && new[] { 5, 8, 11, 14 }.Any(c => list.Features[j * features + c] < limit))) keep.Add(j);
        var rows = keep.SelectMany(j => list.Features.AsSpan(j * features, features).ToArray()).ToArray();
        return new RerankList(keep.Select(j => list.Candidates[j]).ToArray(), rows, keep.IndexOf(list.Relevant));
    }

    private static HashSet<int> Columns(string text)
    {
        var result = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-');
            int from = int.Parse(ends[0], CultureInfo.InvariantCulture), to = ends.Length > 1 ? int.Parse(ends[1], CultureInfo.InvariantCulture) : from;
            for (int f = from; f <= to; f++) result.Add(f);
        }
        return result;
    }
}
