using JobRec.Data.Readers.Onet;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JobRec.ML.Numerics;
using JobRec.ML.Onet;
using JobRec.ML.Text;
using JobRec.ML.Text.Onnx;

namespace JobRec.Lab.Commands;

/// <summary><c>jobrec-lab evaluate onet-vote-encoders</c>: the similarity-weighted vote (<see cref="NeighbourVotes"/>) and the best-cosine evidence of
/// plain (head-less) sentence encoders alone and averaged, on the development split <c>jobrec-lab evaluate onet-development</c> scores: a screen of
/// whether a second encoder (e.g. Arctic beside MiniLM) adds evidence before it is built into the classifier.</summary>
internal static class OnetVoteEncoderExperiment
{
    /// <summary>The command.</summary>
    public static Command Command()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv)", Required = true };
        var encoders = new Option<string[]>("--encoders") { Description = "Encoders to compare (their average is scored too)", DefaultValueFactory = _ => ["minilm", "arctic-xs"], AllowMultipleArgumentsPerToken = true };
        var neighbours = new Option<int>("--vote-neighbours") { Description = "Nearest titles that vote", DefaultValueFactory = _ => VoteSettings.DefaultNeighbours }.AtLeast(1);
        var temperature = new Option<float[]>("--vote-temperature") { Description = "Softmax temperature of the vote, one per encoder (the last one repeats)", DefaultValueFactory = _ => [VoteSettings.DefaultTemperature], AllowMultipleArgumentsPerToken = true };
        var threads = new Option<int>("--encoder-threads") { Description = "ONNX Runtime intra-op threads", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var command = new Command("onet-vote-encoders", "The nearest-title vote and best cosine of plain sentence encoders, alone and averaged, on the O*NET development split");
        foreach (var o in new Option[] { onet, encoders, neighbours, temperature, threads }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var directory = parseResult.GetValue(onet)!;
            var occupations = OnetSource.LoadOccupations(Path.Combine(directory, OnetEvaluation.OccupationFile));
            var (train, test) = TitleSplit.Split(OnetSource.LoadAlternateTitles(Path.Combine(directory, OnetEvaluation.AlternateTitlesFile)));
            train = TitleSplit.ExcludeTitles(train, test);
            var (rest, development) = OnetFusionTuning.DevelopmentSplit(occupations, train);
            var column = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int o = 0; o < occupations.Count; o++) column.TryAdd(occupations[o].Code, o);
            var known = rest.Where(t => column.ContainsKey(t.Code)).ToArray();
            var titles = occupations.Select(o => o.Title).Concat(known.Select(t => t.Title)).ToArray();
            var owner = Enumerable.Range(0, occupations.Count).Concat(known.Select(t => column[t.Code])).ToArray();
            var queries = development.Select(t => t.Title).ToArray();
            var relevant = development.Select(t => column[t.Code]).ToArray();
            var temperatures = parseResult.GetValue(temperature)!;
            if (temperatures.Length == 0 || temperatures.Any(t => !(t > 0) || float.IsInfinity(t)))
            {
                Console.Error.WriteLine($"jobrec-lab evaluate onet-vote-encoders: --vote-temperature '{string.Join(' ', temperatures)}': each vote temperature must be a positive number");
                return 2;
            }
            int c = occupations.Count, n = queries.Length;
            var onnx = new OnnxEncoderOptions(IntraOpThreads: parseResult.GetValue(threads));
            var votes = new List<float[]>();
            var cosines = new List<float[]>();
            var names = parseResult.GetValue(encoders)!;
            for (int which = 0; which < names.Length; which++)
            {
                var name = names[which];
                var settings = new VoteSettings(parseResult.GetValue(neighbours), temperatures[Math.Min(which, temperatures.Length - 1)]).Validated();
                var clock = Stopwatch.StartNew();
                // The hashed encoder is cheaper to compute than to cache; the ONNX encoders share the embedding cache of the other commands.
                using var encoder = name == TextEncoderCatalog.Hashed
                    ? new DiskCachedTextEncoder(TextEncoderCatalog.Create(name, onnx, line => Console.Error.WriteLine(line)), null)
                    : TextEncoderCatalog.CreateCached(name, onnx, line => Console.Error.WriteLine(line));
                var entries = encoder.Encode(titles);
                var q = encoder.Encode(queries);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {titles.Length} titles and {n} queries encoded in {clock.Elapsed.TotalSeconds:F0} s"));
                var (vote, best) = Evidence(q, entries, encoder.Dimension, owner, c, settings);
                votes.Add(vote);
                cosines.Add(best);
                Console.WriteLine($"{name}: {settings} alone {Score(vote, relevant, c)}; best cosine alone {Score(best, relevant, c)}");
            }
            if (votes.Count > 1)
            {
                Console.WriteLine($"average of {votes.Count}: vote {Score(Average(votes), relevant, c)}; best cosine {Score(Average(cosines), relevant, c)}");
            }
            return 0;
        });
        return command;
    }

    private static (float[] Vote, float[] Best) Evidence(float[] q, float[] entries, int d, int[] owner, int c, VoteSettings settings)
    {
        int n = q.Length / d, e = owner.Length;
        var vote = new float[n * c];
        var best = new float[n * c];
        Array.Fill(best, -1f);
        const int chunk = 256;
        for (int start = 0; start < n; start += chunk)
        {
            int m = Math.Min(chunk, n - start);
            var sims = new float[m * e];
            CpuComputeBackend.Instance.MatMul(false, true, m, e, d, 1f, q.AsSpan(start * d, m * d).ToArray(), entries, 0f, sims);
            for (int i = 0; i < m; i++)
            {
                var row = sims.AsSpan(i * e, e);
                var bestRow = best.AsSpan((start + i) * c, c);
                for (int j = 0; j < e; j++) if (row[j] > bestRow[owner[j]]) bestRow[owner[j]] = row[j];
                NeighbourVotes.Weighted(row, owner, vote.AsSpan((start + i) * c, c), settings);
            }
        }
        return (vote, best);
    }

    private static float[] Average(List<float[]> arrays)
    {
        var sum = new float[arrays[0].Length];
        foreach (var a in arrays) System.Numerics.Tensors.TensorPrimitives.Add(sum, a, sum);
        System.Numerics.Tensors.TensorPrimitives.Divide(sum, arrays.Count, sum);
        return sum;
    }

    private static RankingScores Score(float[] scores, int[] relevant, int c)
    {
        var result = new RankingScores();
        for (int i = 0; i < relevant.Length; i++)
        {
            var row = scores.AsSpan(i * c, c);
            int rank = 1;
            for (int o = 0; o < c; o++) if (o != relevant[i] && row[o] >= row[relevant[i]]) rank++;
            result.AddRank(rank);
        }
        return result;
    }
}
