using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JobRec.Data.Reading;
using JobRec.Data.Skills;
using JobRec.Evaluation.Qa;
using JobRec.Grains.Occupations;
using JobRec.ML.Language.Model;
using JobRec.ML.Models;
using JobRec.ML.Onet;
using JobRec.ML.Skills;
using JobRec.ML.Text;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.UseLite;

namespace JobRec.Cli.Commands;

/// <summary><c>jobrec train onet|qa|skills</c>: run the existing trainer (the O*NET classifier of <c>onet train</c>, the QA language model of
/// <c>evaluate qa</c>, the span tagger of <c>evaluate skills</c>) into a private file, then store that file as the next version of its slot in
/// the model store with a training-data line, the trainer's held-out metrics and the creation time; activated unless <c>--no-activate</c>, and
/// silos swap to it without a restart.</summary>
internal static class TrainModelCommands
{
    /// <summary>The three commands, added under <c>train</c> by <see cref="ModelCommands"/>.</summary>
    public static IEnumerable<Command> Commands(Func<(Option<string> Store, Option<string?> Cluster)> storeOptions,
        Func<ParseResult, Option<string>, Option<string?>, IModelStore> openStore)
    {
        yield return Onet(storeOptions(), openStore);
        yield return Qa(storeOptions(), openStore);
        yield return Skills(storeOptions(), openStore);
    }

    private static string SharedData => HostSettings.Read("JOBREC_SHARED_DATA") ?? Path.Combine("..", "shared", "data");

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    private static Command Onet((Option<string> Store, Option<string?> Cluster) store, Func<ParseResult, Option<string>, Option<string?>, IModelStore> openStore)
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv)", Required = true };
        var maxTitles = new Option<int>("--max-titles") { Description = "Train on at most this many alternate titles (every n-th kept; 0 = all)", DefaultValueFactory = _ => 0 };
        var noRerank = new Option<bool>("--no-rerank") { Description = "Without the re-ranker (one training instead of five)" };
        var noHead = new Option<bool>("--no-head") { Description = "Skip fine-tuning the projection head" };
        var encoderEpochs = new Option<int>("--encoder-epochs") { Description = "Epochs of the fine-tuned USE-Lite title classifier (0: none)", DefaultValueFactory = _ => OnetClassifierDefaults.EncoderEpochs };
        var encoderSettings = new EncoderOptionSet(OnetClassifierDefaults.EncoderName, "Encoder of the model's sentence-embedding evidence: minilm (default), minilm-onet (made by jobrec onet fine-tune-encoder), arctic-xs, use-lite (needed by --encoder-epochs), hashed");
        var command = NewCommand("onet", "Train the O*NET classifier (as jobrec onet train) and store it as the next onet version", store,
            [onet, maxTitles, noRerank, noHead, encoderEpochs]);
        encoderSettings.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) => await Guarded("train onet", async () =>
        {
            var directory = parseResult.GetValue(onet)!;
            var max = parseResult.GetValue(maxTitles);
            var epochs = parseResult.GetValue(encoderEpochs);
            if (max < 0 || epochs < 0)
            {
                throw new ArgumentException($"--max-titles ({max}) and --encoder-epochs ({epochs}) must be 0 or more");
            }

            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"--onet {directory}: no such folder (it holds ONET.OccupationData.tsv and ONET.AlternateTitles.tsv)");
            }

            var options = new OnetClassifierOptions(FineTuneHead: !parseResult.GetValue(noHead), Rerank: !parseResult.GetValue(noRerank),
                EncoderClassifier: OnetClassifierDefaults.Encoder(epochs));
            var encoderName = encoderSettings.Name(parseResult);
            if (OnetClassifierDefaults.EncoderMismatch(epochs, encoderName) is { } mismatch)
            {
                throw new ArgumentException(mismatch);
            }

            var created = encoderSettings.Create(parseResult, Log);
            using var encoder = new DiskCachedTextEncoder(created, TextEncoderCatalog.EmbeddingCacheFile(encoderName, created));
            var clock = Stopwatch.StartNew();
            var classifier = OnetOccupationClassifier.Train(directory, encoder, options, max, Log);
            var data = string.Create(CultureInfo.InvariantCulture,
                $"O*NET {Path.GetFullPath(directory)}: {classifier.Occupations} occupations, {classifier.Model.TitleEntries} titles (max-titles={max}, rerank={(options.Rerank ? "yes" : "no")}, encoder-epochs={epochs})");
            return await StoreFileAsync(parseResult, store, openStore, ModelNames.Onet, ModelNames.OnetKind, encoderName, encoder.Dimension, data,
                new Dictionary<string, double> { ["occupations"] = classifier.Occupations, ["title_entries"] = classifier.Model.TitleEntries, ["train_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1) },
                path => { OnetModelFile.Save(classifier.Model, path, data); return OnetModelFile.FormatVersion(path) ?? 0; }, cancellationToken);
        }));
        return command;
    }

    private static Command Qa((Option<string> Store, Option<string?> Cluster) store, Func<ParseResult, Option<string>, Option<string?>, IModelStore> openStore)
    {
        var data = new Option<string>("--data") { Description = "Folder laid out like ../shared/data (the postings of jobrec evaluate qa)", DefaultValueFactory = _ => SharedData };
        var minutes = new Option<double>("--train-minutes") { Description = "Training time budget", DefaultValueFactory = _ => 30 };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps of the schedule (training stops earlier at the time budget)", DefaultValueFactory = _ => 6000 };
        var questions = new Option<int>("--questions") { Description = "Held-out questions answered to measure it", DefaultValueFactory = _ => 300 };
        var command = NewCommand("qa", "Train the QA language model (as jobrec evaluate qa), measure it on held-out questions and store it as the next qa version", store,
            [data, minutes, steps, questions]);
        command.SetAction(async (parseResult, cancellationToken) => await Guarded("train qa", async () =>
        {
            var folder = Path.Combine(Path.GetTempPath(), $"jobrec-train-qa-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            try
            {
                var checkpoint = Path.Combine(folder, "qa.jrlm");
                var options = new QaEvaluationOptions
                {
                    DataDirectory = parseResult.GetValue(data)!,
                    ModelPath = checkpoint,
                    TrainTime = TimeSpan.FromMinutes(parseResult.GetValue(minutes)),
                    TrainSteps = parseResult.GetValue(steps),
                    MaxQuestions = parseResult.GetValue(questions),
                };
                var report = QaEvaluationRunner.Run(options, Console.Error, cancellationToken);
                Console.WriteLine(report.SummaryLine());
                var all = report.Rows[0];
                var metrics = new Dictionary<string, double>
                {
                    ["perplexity"] = report.Perplexity, ["token_f1"] = all.TokenF1, ["exact_match"] = all.ExactMatch, ["rougeL"] = all.RougeL,
                    ["extractive_token_f1"] = all.ExtractiveTokenF1, ["questions"] = all.Questions,
                };
                var line = $"postings of {Path.GetFullPath(options.DataDirectory)} + {options.SyntheticJobs} synthetic; {options.TrainSteps} steps or {options.TrainTime.TotalMinutes:0.#} min";
                return await StoreFileAsync(parseResult, store, openStore, ModelNames.Qa, ModelNames.QaKind, null, 0, line, metrics,
                    path => { File.Copy(checkpoint, path, overwrite: true); _ = LanguageModelCheckpoint.Load(path); return 1; }, cancellationToken);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }));
        return command;
    }

    private static Command Skills((Option<string> Store, Option<string?> Cluster) store, Func<ParseResult, Option<string>, Option<string?>, IModelStore> openStore)
    {
        var train = new Option<string>("--train") { Description = "SkillSpan JSON lines to train on (a tuning part is carved from it by posting)", DefaultValueFactory = _ => Path.Combine(SharedData, "skillspan", "train.json") };
        var dev = new Option<string>("--dev") { Description = "SkillSpan JSON lines the stored metrics are measured on (never trained on)", DefaultValueFactory = _ => Path.Combine(SharedData, "skillspan", "dev.json") };
        var encoderName = new Option<string>("--encoder") { Description = "Pretrained encoder whose token states feed the tagger", DefaultValueFactory = _ => PretrainedEncoderModel.MiniLm.Name }
            .AcceptOnlyFromAmong([.. PretrainedEncoderModel.All.Select(m => m.Name)]);
        var threads = new Option<int>("--encoder-threads") { Description = "Threads of one ONNX encoder call (0: one per processor)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var epochs = new Option<int>("--epochs") { Description = "Most training epochs of the head on the frozen states", DefaultValueFactory = _ => SkillFineTuning.FrozenEpochs };
        var stateCache = new Option<string?>("--state-cache") { Description = "Folder caching the encoder's word vectors ('none' disables)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "jobrec-word-states") };
        var fineTuning = new SkillFineTuning();
        var command = NewCommand("skills", "Train the skill span tagger (as jobrec evaluate skills), measure strict span F1 on --dev and store it as the next skills version", store,
            [train, dev, encoderName, threads, epochs, stateCache, .. fineTuning.All]);
        command.SetAction(async (parseResult, cancellationToken) => await Guarded("train skills", async () =>
        {
            var options = new SkillTaggerOptions { Epochs = parseResult.GetValue(epochs), Crf = SkillFineTuning.FrozenCrf };
            options.Validate();
            var fine = fineTuning.Options(parseResult);
            fine.Validate();
            int fineLayers = parseResult.GetValue(fineTuning.Layers);
            var trainSentences = SkillSpanCorpus.ReadJsonLines(parseResult.GetValue(train)!);
            var devSentences = SkillSpanCorpus.ReadJsonLines(parseResult.GetValue(dev)!);
            var cache = parseResult.GetValue(stateCache) is { } c && c != "none" ? c : null;
            var model = PretrainedEncoderModel.Find(parseResult.GetValue(encoderName)!)!;
            using var encoder = OnnxSentenceEncoder.Load(model, new OnnxEncoderOptions(IntraOpThreads: parseResult.GetValue(threads)));
            var words = new WordStateEncoder(encoder);
            float[][] Vectors(List<TaggedSentence> sentences) => WordStateCache.LoadOrCompute(cache, words, sentences.Select(s => s.Tokens).ToList(), Log);
            var trainVectors = Vectors(trainSentences);
            var (trainIdx, tuneIdx) = SkillTaggerData.SplitByDocument(trainSentences, 0.1);
            SkillTaggerHead head;
            bool fresh = fineLayers > 0 && parseResult.GetValue(fineTuning.StartModel) == SkillFineTuning.Fresh;
            if (fineLayers > 0 && !fresh && parseResult.GetValue(fineTuning.StartModel) is { } startPath)
            {
                var start = SkillTaggerModelFile.Load(startPath);
                if (start.Stack is not null || start.Head.EncoderName != model.Name) throw new InvalidDataException($"--start-model {startPath} is not a frozen-encoder {model.Name} tagger");
                head = start.Head;
            }
            else if (fresh) head = null!;
            else
                (head, _) = SkillTaggerTrainer.Train(encoder.Model.Name, words.Dimension,
                    [.. trainIdx.Select(i => (trainSentences[i], trainVectors[i]))], [.. tuneIdx.Select(i => (trainSentences[i], trainVectors[i]))], options, Log);
            JobRec.ML.Text.Transformer.BertLayerStack? stack = null;
            OnnxSentenceEncoder? lower = null;
            if (fineLayers > 0)
            {
                stack = SkillFineTuning.FreshStack(model, fine);
                lower = OnnxSentenceEncoder.Load(model, new OnnxEncoderOptions(IntraOpThreads: parseResult.GetValue(threads), OutputLayer: stack.FirstLayer));
                head = SkillFineTuning.Run(lower, stack, fresh ? null : head, [.. trainIdx.Select(i => trainSentences[i])], [.. tuneIdx.Select(i => trainSentences[i])],
                    options, fine, parseResult.GetValue(fineTuning.Threads), Log);
            }
            using var lowerOwned = lower;
            var devVectors = stack is null ? Vectors(devSentences) : new WordStateEncoder(lower!, stack).Encode([.. devSentences.Select(s => s.Tokens)]);
            var scores = SkillTaggerTrainer.Evaluate(head, [.. devSentences.Select((s, i) => (s, devVectors[i]))]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"skills: heldout=dev fine_tuned_layers={stack?.LayerCount ?? 0} span_f1={scores.Combined.F1:F3} skill_f1={scores.Skill.F1:F3} knowledge_f1={scores.Knowledge.F1:F3}"));
            var line = $"SkillSpan {Path.GetFileName(parseResult.GetValue(train))}: {trainIdx.Count} sentences trained, {tuneIdx.Count} tuned; dev {devSentences.Count} sentences";
            return await StoreFileAsync(parseResult, store, openStore, ModelNames.Skills, ModelNames.SkillsKind, head.EncoderName, words.Dimension, line,
                new Dictionary<string, double> { ["span_f1"] = scores.Combined.F1, ["skill_f1"] = scores.Skill.F1, ["knowledge_f1"] = scores.Knowledge.F1 },
                path => { SkillTaggerModelFile.Save(head, path, stack); _ = SkillTaggerModelFile.Load(path); return SkillTaggerModelFile.FormatVersion; }, cancellationToken);
        }));
        return command;
    }

    private static Command NewCommand(string name, string description, (Option<string> Store, Option<string?> Cluster) store, Option[] options)
    {
        var command = new Command(name, description);
        foreach (var o in options.Concat([store.Store, store.Cluster, new Option<bool>(NoActivate) { Description = "Store the new version without activating it" }]))
        {
            command.Options.Add(o);
        }

        return command;
    }

    private const string NoActivate = "--no-activate";

    // Writes the trainer's file privately (save returns its file format version), stores it and activates it unless --no-activate.
    private static async Task<int> StoreFileAsync(ParseResult parseResult, (Option<string> Store, Option<string?> Cluster) store,
        Func<ParseResult, Option<string>, Option<string?>, IModelStore> openStore, string name, string kind, string? encoder, int dimension, string trainingData,
        Dictionary<string, double> metrics, Func<string, int> save, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-train-{name}-{Guid.NewGuid():N}");
        try
        {
            var format = save(path);
            var modelStore = openStore(parseResult, store.Store, store.Cluster);
            var stored = await modelStore.AddAsync(new ModelMetadata
            {
                Name = name,
                Kind = kind,
                PayloadFormat = format,
                TrainingData = trainingData,
                Metrics = metrics,
                Encoder = encoder,
                EncoderDimension = dimension,
                CreatedAt = DateTimeOffset.UtcNow,
            }, await File.ReadAllBytesAsync(path, cancellationToken), cancellationToken);
            var activate = !parseResult.GetValue<bool>(NoActivate);
            if (activate)
            {
                await modelStore.ActivateAsync(stored.Name, stored.Version, cancellationToken);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"train: stored {stored.Name} v{stored.Version} ({stored.Kind}, file format {format}) in {modelStore.Description}{(activate ? ", active" : "")} {string.Join(' ', metrics.Select(kv => $"{kv.Key}={kv.Value:0.####}"))}"));
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<int> Guarded(string what, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or FormatException or ModelNotFoundException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"{what}: {e.Message.Split('\n')[0]}");
            return 2;
        }
    }
}
