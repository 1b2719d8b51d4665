using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JobRec.Grains.Occupations;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the O*NET model: <c>jobrec onet train</c> (train on every alternate title, re-ranker included, and save),
/// <c>jobrec onet classify</c> (load a saved model and classify titles) and <c>jobrec onet fine-tune-encoder</c> (<see cref="OnetEncoderCommand"/>).</summary>
internal static class OnetCommands
{
    /// <summary>Adds <c>onet train</c> and <c>onet classify</c> under <paramref name="root"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        var onet = new Command("onet", "Train, save and use the O*NET occupation classifier (title -> O*NET-SOC codes)");
        onet.Subcommands.Add(TrainCommand());
        onet.Subcommands.Add(ClassifyCommand());
        onet.Subcommands.Add(OnetEncoderCommand.Create());
        root.Subcommands.Add(onet);
    }

    /// <summary>Where <c>onet train</c> saves and <c>onet classify</c> looks by default: $JOBREC_CACHE/models/onet.model.</summary>
    public static string DefaultModelPath => Path.Combine(ModelCache.Root, "models", "onet.model");

    private static Command TrainCommand()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv)", Required = true };
        var output = new Option<string>("--model") { Description = "Model file to write", DefaultValueFactory = _ => DefaultModelPath };
        var maxTitles = new Option<int>("--max-titles") { Description = "Train on at most this many alternate titles (every n-th kept; 0 = all)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var noRerank = new Option<bool>("--no-rerank") { Description = "Save the fused-order model without the re-ranker (one training instead of five)" };
        var noHead = new Option<bool>("--no-head") { Description = "Skip fine-tuning the projection head" };
        var folds = new Option<int>("--rerank-folds") { Description = "Cross-fitted parts of the training titles that give the re-ranker more lists (0 = development titles only)", DefaultValueFactory = _ => OnetClassifierDefaults.RerankFolds };
        var encoderEpochs = new Option<int>("--encoder-epochs") { Description = "Epochs of the fine-tuned USE-Lite title classifier mixed into the learned classifier (0: none)", DefaultValueFactory = _ => OnetClassifierDefaults.EncoderEpochs }.AtLeast(0);
        var headTitlePairs = new Option<bool>("--head-title-pairs") { Description = "Also train the projection head on title-to-title pairs of one occupation" };
        var encoderSettings = new EncoderOptionSet(OnetClassifierDefaults.EncoderName, "Encoder of the model's sentence-embedding evidence: minilm (default), minilm-onet (made by jobrec onet fine-tune-encoder), arctic-xs, use-lite (needed by --encoder-epochs), hashed");
        var command = new Command("train", "Train the O*NET classifier (O*NET-tuned MiniLM by default) on all alternate titles, weights and re-ranker tuned on a development split of them, and save it");
        foreach (var o in new Option[] { onet, output, maxTitles, noRerank, noHead, folds, encoderEpochs, headTitlePairs }) command.Options.Add(o);
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            var clock = Stopwatch.StartNew();
            void Log(string line) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] {line}"));
            var directory = parseResult.GetValue(onet)!;
            var path = parseResult.GetValue(output)!;
            int max = parseResult.GetValue(maxTitles);
            int tuneEpochs = parseResult.GetValue(encoderEpochs);
            var options = new OnetClassifierOptions(FineTuneHead: !parseResult.GetValue(noHead), Rerank: !parseResult.GetValue(noRerank),
                RerankFolds: parseResult.GetValue(folds), EncoderClassifier: OnetClassifierDefaults.Encoder(tuneEpochs),
                HeadTitlePairs: parseResult.GetValue(headTitlePairs));
            var encoderName = encoderSettings.Name(parseResult);
            if (OnetClassifierDefaults.EncoderMismatch(tuneEpochs, encoderName) is { } mismatch) { Console.Error.WriteLine($"onet train: {mismatch}"); return 2; }
            try
            {
                var created = encoderSettings.Create(parseResult, Log);
                using var encoder = new DiskCachedTextEncoder(created, TextEncoderCatalog.EmbeddingCacheFile(encoderName, created));
                Log($"training from {Path.GetFullPath(directory)} ({(options.Rerank ? $"re-ranked: development model, {options.RerankFolds} fold models, final model" : "fused order, one model")})");
                var classifier = OnetOccupationClassifier.Train(directory, encoder, options, max, Log);
                var source = string.Create(CultureInfo.InvariantCulture,
                    $"onet={Path.GetFullPath(directory)};max-titles={max};rerank={(options.Rerank ? "yes" : "no")};rerank-folds={options.RerankFolds};head={(options.FineTuneHead ? "yes" : "no")};encoder={encoderName};head-title-pairs={(options.HeadTitlePairs ? "yes" : "no")};encoder-epochs={tuneEpochs}");
                long bytes = OnetModelFile.Save(classifier.Model, path, source);
                Log($"saved {Path.GetFullPath(path)} ({bytes / 1e6:F1} MB); weights {classifier.Model.Weights}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"onet-model: file={path} occupations={classifier.Occupations} title_entries={classifier.Model.TitleEntries} reranker={(classifier.Reranked ? "yes" : "no")} bytes={bytes} seconds={clock.Elapsed.TotalSeconds:F1}"));
                return 0;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or FormatException or ModelNotFoundException)
            {
                Console.Error.WriteLine($"onet train: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command ClassifyCommand()
    {
        var titles = new Argument<string[]>("titles") { Description = "Job titles to classify", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model") { Description = "Saved model (jobrec onet train)", DefaultValueFactory = _ => DefaultModelPath };
        var k = CliOptions.K(5, "Occupations per title");
        var encoderSettings = new EncoderOptionSet(OnetClassifierDefaults.EncoderName, "Encoder the model was trained with: minilm (default), minilm-onet (made by jobrec onet fine-tune-encoder), arctic-xs, use-lite, hashed");
        var command = new Command("classify", "Classify job titles into O*NET-SOC codes with a saved model (trained with minilm unless told otherwise)");
        command.Arguments.Add(titles);
        foreach (var o in new Option[] { model, k }) command.Options.Add(o);
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            int top = parseResult.GetValue(k);
            try
            {
                using var encoder = new DiskCachedTextEncoder(encoderSettings.Create(parseResult, _ => { }), null);
                var stored = OnetModelFile.Load(parseResult.GetValue(model)!, encoder);
                var input = parseResult.GetValue(titles)!;
                var predictions = stored.Classifier.Classify(input, top);
                for (int i = 0; i < input.Length; i++)
                {
                    Console.WriteLine(input[i]);
                    foreach (var p in predictions[i]) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Code}  {p.Score,8:F4}  {p.Title}"));
                }
                return 0;
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or OnetModelEncoderMismatchException or ModelNotFoundException)
            {
                Console.Error.WriteLine($"onet classify: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
