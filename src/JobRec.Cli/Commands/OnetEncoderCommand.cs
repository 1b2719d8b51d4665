using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using JobRec.Cli.Options;
using JobRec.Data.Readers.Onet;
using JobRec.ML.Numerics;
using JobRec.ML.Onet;
using JobRec.ML.Onet.EncoderTuning;
using JobRec.ML.Text;
using JobRec.ML.Text.Onnx;

namespace JobRec.Cli.Commands;

/// <summary><c>jobrec onet fine-tune-encoder</c>: fine-tunes MiniLM's top layers contrastively on O*NET training titles (never the evaluation's test
/// or development titles) and writes the encoder <c>minilm-onet</c> (model.onnx, vocab.txt, encoder.txt with the digests) into the model cache.</summary>
internal static class OnetEncoderCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var defaults = new EncoderTuningOptions();
        var onet = new Option<string>("--onet") { Description = "O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv)", Required = true };
        var layers = new Option<int>("--layers") { Description = "Top MiniLM layers to fine-tune", DefaultValueFactory = _ => defaults.Layers }.Within(1, 6);
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training titles", DefaultValueFactory = _ => defaults.Epochs }.AtLeast(0);
        var rate = new Option<float>("--lr") { Description = "Peak AdamW learning rate (linear warm-up over 10% of the steps, then cosine decay)", DefaultValueFactory = _ => defaults.LearningRate }.Positive();
        var batch = new Option<int>("--batch") { Description = "Title pairs per step (in-batch negatives)", DefaultValueFactory = _ => defaults.BatchSize }.AtLeast(2);
        var seed = new Option<int>("--seed") { Description = "Seed of pair order and sampling", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--train-threads") { Description = "Threads of BLAS (training) and ONNX Runtime (frozen layers)", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var output = new Option<string>("--output") { Description = "Encoder folder to write", DefaultValueFactory = _ => FineTunedEncoder.CacheDirectory(FineTunedEncoder.MiniLmOnet) };
        var command = new Command("fine-tune-encoder", "Fine-tune MiniLM's top layers on O*NET training titles (InfoNCE, in-batch negatives) and save it as the encoder minilm-onet");
        command.AddAll(onet, layers, epochs, rate, batch, seed, threads, output);
        command.SetAction(parseResult =>
        {
            var clock = Stopwatch.StartNew();
            void Log(string line) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] {line}"));
            var directory = parseResult.GetValue(onet)!;
            int threadCount = parseResult.GetValue(threads);
            var options = defaults with
            {
                Layers = parseResult.GetValue(layers), Epochs = parseResult.GetValue(epochs), LearningRate = parseResult.GetValue(rate),
                BatchSize = parseResult.GetValue(batch), Seed = parseResult.GetValue(seed),
            };
            try
            {
                Blas.SetThreads(threadCount);
                var baseModel = PretrainedEncoderModel.MiniLm;
                var modelPath = Path.Combine(baseModel.CacheDirectory, "model.onnx");
                var vocabularyPath = Path.Combine(baseModel.CacheDirectory, "vocab.txt");
                ModelFileCheck.Verify(modelPath, baseModel.ModelSha256);
                ModelFileCheck.Verify(vocabularyPath, baseModel.VocabularySha256);
                var occupationFile = Path.Combine(directory, OnetEvaluation.OccupationFile);
                var titlesFile = Path.Combine(directory, OnetEvaluation.AlternateTitlesFile);
                var occupations = OnetSource.LoadOccupations(occupationFile);
                var (training, development) = OnetEncoderTuning.Titles(occupations, OnetSource.LoadAlternateTitles(titlesFile));
                var result = OnetEncoderTuning.Train(modelPath,
                    first => OnnxSentenceEncoder.Load(baseModel, new OnnxEncoderOptions(IntraOpThreads: threadCount) with { OutputLayer = first }),
                    occupations, training, development, options, Log);
                var folder = parseResult.GetValue(output)!;
                string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
                var written = OnetEncoderTuning.Write(result, folder, FineTunedEncoder.MiniLmOnet, baseModel, vocabularyPath,
                [
                    ("layers", options.Layers.ToString(CultureInfo.InvariantCulture)), ("epochs", options.Epochs.ToString(CultureInfo.InvariantCulture)),
                    ("learning-rate", options.LearningRate.ToString(CultureInfo.InvariantCulture)), ("batch", options.BatchSize.ToString(CultureInfo.InvariantCulture)),
                    ("temperature", options.Temperature.ToString(CultureInfo.InvariantCulture)), ("seed", options.Seed.ToString(CultureInfo.InvariantCulture)),
                    ("training-titles", result.Anchors.ToString(CultureInfo.InvariantCulture)), ("onet-files-sha256", FilesSha256(occupationFile, titlesFile)),
                    ("epoch-losses", string.Join(',', result.Losses.Select(F))), ("development-nearest-title-top1", string.Join(',', result.DevelopmentTop1.Select(F))),
                    ("trained-utc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                ]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"onet-encoder: name={written.Name} dir={Path.GetFullPath(folder)} layers={options.Layers} epochs={options.Epochs} lr={options.LearningRate} training_titles={result.Anchors} loss={string.Join(',', result.Losses.Select(F))} dev_nearest_top1={string.Join(',', result.DevelopmentTop1.Select(F))} sha256={written.ModelSha256} seconds={clock.Elapsed.TotalSeconds:F0}"));
                return 0;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or FormatException or ModelNotFoundException or InvalidDataException)
            {
                Console.Error.WriteLine($"onet fine-tune-encoder: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static string FilesSha256(params string[] files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files) hash.AppendData(File.ReadAllBytes(file));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
