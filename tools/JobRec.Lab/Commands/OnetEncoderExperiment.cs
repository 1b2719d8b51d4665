using JobRec.Data.Readers.Onet;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JobRec.ML.Onet;
using JobRec.ML.Text.UseLite;

namespace JobRec.Lab.Commands;

/// <summary><c>jobrec-lab evaluate onet-encoder</c>: the fine-tuned encoder classifier (<see cref="EncoderTitleClassifier"/>) alone on the development
/// split that <c>jobrec-lab evaluate onet-development</c> scores (trained on the occupation titles and the other training titles), for screening its settings.</summary>
internal static class OnetEncoderExperiment
{
    /// <summary>The command.</summary>
    public static Command Command()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv)", Required = true };
        var defaults = new EncoderClassifierOptions();
        var epochs = new Option<int>("--epochs") { Description = "Epochs", DefaultValueFactory = _ => defaults.Epochs }.AtLeast(1);
        var batch = new Option<int>("--batch") { Description = "Titles per step", DefaultValueFactory = _ => defaults.BatchSize }.AtLeast(1);
        var rate = new Option<float>("--lr") { Description = "Peak Adam step of the encoder", DefaultValueFactory = _ => defaults.EncoderLearningRate }.Positive();
        var headRate = new Option<float>("--head-lr") { Description = "Peak Adam step of the softmax layer", DefaultValueFactory = _ => defaults.HeadLearningRate }.Positive();
        var smoothing = new Option<float>("--smoothing") { Description = "Label smoothing", DefaultValueFactory = _ => defaults.LabelSmoothing }.Within(0f, 1f);
        var maxTitles = new Option<int>("--max-titles") { Description = "Train on at most this many alternate titles (0: all)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var command = new Command("onet-encoder", "The fine-tuned USE-Lite title classifier alone on the O*NET development split");
        foreach (var o in new Option[] { onet, epochs, batch, rate, headRate, smoothing, maxTitles }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var directory = parseResult.GetValue(onet)!;
            var occupations = OnetSource.LoadOccupations(Path.Combine(directory, OnetEvaluation.OccupationFile));
            var (train, test) = TitleSplit.Split(OnetSource.LoadAlternateTitles(Path.Combine(directory, OnetEvaluation.AlternateTitlesFile)));
            train = TitleSplit.ExcludeTitles(train, test);
            var (rest, development) = OnetFusionTuning.DevelopmentSplit(occupations, train);
            int max = parseResult.GetValue(maxTitles);
            if (max > 0) rest = rest.Take(max).ToList();
            var column = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int o = 0; o < occupations.Count; o++) column.TryAdd(occupations[o].Code, o);
            var titles = occupations.Select(o => o.Title).Concat(rest.Where(t => column.ContainsKey(t.Code)).Select(t => t.Title)).ToArray();
            var labels = Enumerable.Range(0, occupations.Count).Concat(rest.Where(t => column.ContainsKey(t.Code)).Select(t => column[t.Code])).ToArray();
            var options = new EncoderClassifierOptions(Epochs: parseResult.GetValue(epochs), BatchSize: parseResult.GetValue(batch),
                EncoderLearningRate: parseResult.GetValue(rate), HeadLearningRate: parseResult.GetValue(headRate), LabelSmoothing: parseResult.GetValue(smoothing));
            Console.Error.WriteLine($"onet-encoder: {titles.Length} training titles, {development.Count} development titles, {options}");
            var clock = Stopwatch.StartNew();
            var classifier = EncoderTitleClassifier.Train(UseLiteEncoder.Load(), titles, labels, occupations.Count, options,
                (epoch, loss) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: loss {loss:F4} ({clock.Elapsed.TotalSeconds:F0} s)")));
            var probabilities = classifier.PredictProbabilities(development.Select(t => t.Title).ToArray());
            var scores = new RankingScores();
            int c = occupations.Count;
            for (int i = 0; i < development.Count; i++)
            {
                var row = probabilities.AsSpan(i * c, c);
                int relevant = column[development[i].Code], rank = 1;
                for (int o = 0; o < c; o++) if (o != relevant && row[o] >= row[relevant]) rank++;
                scores.AddRank(rank);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"onet-encoder: train_seconds={clock.Elapsed.TotalSeconds:F0} {scores}"));
            return 0;
        });
        return command;
    }
}
