using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JobRec.Data.Reading;
using JobRec.Data.Skills;
using JobRec.ML.Skills;
using JobRec.ML.Skills.FineTuning;
using JobRec.ML.Text;
using JobRec.ML.Text.Onnx;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the skill-extraction concern: <c>evaluate skills</c>, <c>evaluate esco-skills</c>, <c>bench skills</c>, <c>skills</c> (extract from text).</summary>
internal static class SkillCommands
{
    /// <summary>Adds the skill commands to the root and to the shared <paramref name="bench"/> and <paramref name="evaluate"/> parents.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        root.Subcommands.Add(ExtractCommand());
        evaluate.Subcommands.Add(EvaluateCommand());
        evaluate.Subcommands.Add(EvaluateEscoLinkingCommand());
        bench.Subcommands.Add(BenchCommand());
        bench.Subcommands.Add(SkillImportBenchmark.Command());
    }

    private static string SharedData => Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA") ?? Path.Combine("..", "shared", "data");

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    private static string DefaultModelPath(string encoder) => Path.Combine(ModelCache.Root, "models", $"skill-tagger-{encoder}.jrst");

    private static Option<string> EncoderOption() => new Option<string>("--encoder")
    {
        Description = "Pretrained encoder whose token states feed the tagger: minilm (all-MiniLM-L6-v2) or arctic-xs (snowflake-arctic-embed-xs)",
        DefaultValueFactory = _ => PretrainedEncoderModel.MiniLm.Name,
    }.AcceptOnlyFromAmong([.. PretrainedEncoderModel.All.Select(m => m.Name)]);

    private static Option<int> ThreadsOption() => new Option<int>("--encoder-threads") { Description = "Threads of one ONNX encoder call (0: one per processor)", DefaultValueFactory = _ => 0 }.AtLeast(0);

    private static OnnxSentenceEncoder LoadEncoder(string name, int threads)
    {
        var encoder = OnnxSentenceEncoder.Load(PretrainedEncoderModel.Find(name)!, new OnnxEncoderOptions(IntraOpThreads: threads));
        Log($"encoder {encoder.Model.Description} on {encoder.ExecutionProvider}");
        return encoder;
    }

    private static Command EvaluateCommand()
    {
        var train = new Option<string>("--train") { Description = "SkillSpan JSON lines to train on (a tuning part is carved from it by posting)", DefaultValueFactory = _ => Path.Combine(SharedData, "skillspan", "train.json") };
        var dev = new Option<string>("--dev") { Description = "SkillSpan JSON lines reported as held out (never used for training or tuning)", DefaultValueFactory = _ => Path.Combine(SharedData, "skillspan", "dev.json") };
        var test = new Option<string?>("--test") { Description = "SkillSpan test JSON lines (held back from this project); when given, the last line reports it" };
        var green = new Option<string?>("--green") { Description = "Green et al. gold CSV for the out-of-domain check (its Skill tag); 'none' skips it", DefaultValueFactory = _ => Path.Combine(SharedData, "green_skill_ner", "df_testset.csv") };
        var model = new Option<string?>("--model") { Description = "Load this tagger model instead of training one" };
        var save = new Option<string?>("--save") { Description = "Where to save the trained model (default $JOBREC_CACHE/models/skill-tagger-<encoder>.jrst)" };
        var stateCache = new Option<string?>("--state-cache") { Description = "Folder caching the encoder's word vectors between runs ('none' disables)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "jobrec-word-states") };
        var tuneShare = new Option<double>("--tune-share") { Description = "Share of training postings kept for choosing the epoch", DefaultValueFactory = _ => 0.1 };
        var radius = new Option<int>("--radius") { Description = "Neighbour words on each side in the tagger input", DefaultValueFactory = _ => new SkillTaggerOptions().Radius };
        var hidden = new Option<int>("--hidden") { Description = "Hidden layer width (0: linear softmax head)", DefaultValueFactory = _ => new SkillTaggerOptions().Hidden };
        var lstm = new Option<int>("--lstm") { Description = "Units per direction of a BiLSTM head over the sentence (0: none; replaces --hidden)", DefaultValueFactory = _ => new SkillTaggerOptions().Lstm };
        var epochs = new Option<int>("--epochs") { Description = "Most training epochs of the head on the frozen states", DefaultValueFactory = _ => SkillFineTuning.FrozenEpochs };
        var spanWeight = new Option<float>("--span-weight") { Description = "Loss weight of span words relative to outside words", DefaultValueFactory = _ => new SkillTaggerOptions().SpanWeight };
        var dropout = new Option<float>("--dropout") { Description = "Input dropout", DefaultValueFactory = _ => new SkillTaggerOptions().InputDropout };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam step size", DefaultValueFactory = _ => new SkillTaggerOptions().LearningRate };
        var seed = CliOptions.Seed(new SkillTaggerOptions().Seed, "Seed of initialisation, shuffling and dropout");
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better tuning F1", DefaultValueFactory = _ => new SkillTaggerOptions().Patience };
        var hiddenDropout = new Option<float>("--hidden-dropout") { Description = "Dropout after each LSTM layer (or the hidden layer)", DefaultValueFactory = _ => new SkillTaggerOptions().HiddenDropout };
        var lstmLayers = new Option<int>("--lstm-layers") { Description = "Stacked BiLSTM layers (1 or 2)", DefaultValueFactory = _ => new SkillTaggerOptions().LstmLayers };
        var crf = new Option<string>("--crf") { Description = "Linear-chain CRF per BIO layer (learned start/transition scores, Viterbi) instead of per-word softmax: on or off", DefaultValueFactory = _ => SkillFineTuning.FrozenCrf ? "on" : "off" }.AcceptOnlyFromAmong("on", "off");
        var alsoEncoder = new Option<string?>("--also-encoder") { Description = "Experiment: concatenate this encoder's word vectors to --encoder's (the model then names both; the engine serves single-encoder models only)" };
        var encoderName = EncoderOption();
        var threads = ThreadsOption();
        var fineTuning = new SkillFineTuning();
        var command = new Command("skills", "Train (or load) the skill/knowledge span tagger and report strict span P/R/F1 beside a gazetteer and the dictionary matcher");
        foreach (var o in new Option[] { train, dev, test, green, model, save, stateCache, tuneShare, radius, hidden, lstm, lstmLayers, crf, epochs, patience, spanWeight, dropout, hiddenDropout, learningRate, seed, encoderName, alsoEncoder, threads }.Concat(fineTuning.All)) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var options = new SkillTaggerOptions(Radius: parseResult.GetValue(radius), Hidden: parseResult.GetValue(lstm) > 0 ? 0 : parseResult.GetValue(hidden), Lstm: parseResult.GetValue(lstm), Epochs: parseResult.GetValue(epochs),
                SpanWeight: parseResult.GetValue(spanWeight), InputDropout: parseResult.GetValue(dropout), LearningRate: parseResult.GetValue(learningRate), Seed: parseResult.GetValue(seed),
                Patience: parseResult.GetValue(patience), HiddenDropout: parseResult.GetValue(hiddenDropout), LstmLayers: parseResult.GetValue(lstmLayers), Crf: parseResult.GetValue(crf) == "on");
            var fine = fineTuning.Options(parseResult);
            // A loaded model is evaluated as it is.
            int fineLayers = parseResult.GetValue(model) is null ? parseResult.GetValue(fineTuning.Layers) : 0;
            try { options.Validate(); fine.Validate(); }
            catch (ArgumentOutOfRangeException e) { Console.Error.WriteLine($"evaluate skills: {e.Message.Split('\n')[0]}"); return 2; }
            if (fineLayers > 0 && parseResult.GetValue(alsoEncoder) is not null)
            { Console.Error.WriteLine("evaluate skills: --also-encoder needs --fine-tune-layers 0 (fine-tuning trains one encoder's tagger)"); return 2; }
            var trainSentences = SkillSpanCorpus.ReadJsonLines(parseResult.GetValue(train)!);
            var devSentences = SkillSpanCorpus.ReadJsonLines(parseResult.GetValue(dev)!);
            var testSentences = parseResult.GetValue(test) is { } testPath ? SkillSpanCorpus.ReadJsonLines(testPath) : null;
            var greenPath = parseResult.GetValue(green);
            var greenSentences = greenPath is null || greenPath == "none" ? null : SkillSpanCorpus.ReadGreenCsv(greenPath);
            string? cache = parseResult.GetValue(stateCache) is { } c && c != "none" ? c : null;
            Log($"train {trainSentences.Count} sentences, dev {devSentences.Count}, test {testSentences?.Count.ToString(CultureInfo.InvariantCulture) ?? "-"}, green {greenSentences?.Count.ToString(CultureInfo.InvariantCulture) ?? "-"}");

            SkillTaggerHead head;
            BertStackHolder fineTuned = new();
            string name = parseResult.GetValue(encoderName)!;
            if (parseResult.GetValue(alsoEncoder) is { } also) name += "+" + also;
            if (parseResult.GetValue(model) is { } modelPath)
            {
                var loaded = SkillTaggerModelFile.Load(modelPath);
                (head, fineTuned.Stack) = (loaded.Head, loaded.Stack);
                name = head.EncoderName;
            }
            else head = null!;
            var names = name.Split('+');
            if (names.Length > 2) { Console.Error.WriteLine($"evaluate skills: at most two encoders, not '{name}'"); return 1; }
            if (names.FirstOrDefault(n => PretrainedEncoderModel.Find(n) is null) is { } unknown) { Console.Error.WriteLine($"evaluate skills: unknown encoder '{unknown}' in '{name}'"); return 1; }
            var encoders = names.Select(n => LoadEncoder(n, parseResult.GetValue(threads))).ToList();
            using var primaryEncoder = encoders[0];
            using var secondEncoder = encoders.Count > 1 ? encoders[1] : null;
            var wordEncoders = encoders.Select(e => new WordStateEncoder(e)).ToList();
            int dimension = wordEncoders.Sum(w => w.Dimension);
            var freshStack = fineLayers > 0 ? SkillFineTuning.FreshStack(encoders[0].Model, fine) : null;
            using var lowerEncoder = (freshStack ?? fineTuned.Stack) is { } firstStack
                ? OnnxSentenceEncoder.Load(encoders[0].Model, new OnnxEncoderOptions(IntraOpThreads: parseResult.GetValue(threads), OutputLayer: firstStack.FirstLayer))
                : null;
            float[][] Vectors(List<TaggedSentence> sentences)
            {
                var tokens = sentences.Select(s => s.Tokens).ToList();
                if (fineTuned.Stack is not null) return new WordStateEncoder(lowerEncoder!, fineTuned.Stack).Encode(tokens);
                var parts = wordEncoders.Select(w => WordStateCache.LoadOrCompute(cache, w, tokens, Log)).ToList();
                if (parts.Count == 1) return parts[0];
                var joined = new float[sentences.Count][];
                for (int i = 0; i < joined.Length; i++)
                {
                    int words = sentences[i].Tokens.Length, offset = 0;
                    var v = joined[i] = new float[words * dimension];
                    for (int p = 0; p < parts.Count; p++)
                    {
                        int d = wordEncoders[p].Dimension;
                        for (int w = 0; w < words; w++) parts[p][i].AsSpan(w * d, d).CopyTo(v.AsSpan(w * dimension + offset, d));
                        offset += d;
                    }
                }
                return joined;
            }
            if (head is null)
            {
                var (trainIdx, tuneIdx) = SkillTaggerData.SplitByDocument(trainSentences, parseResult.GetValue(tuneShare));
                SkillTaggerHead? startHead = null;
                bool fresh = fineLayers > 0 && parseResult.GetValue(fineTuning.StartModel) == SkillFineTuning.Fresh;
                if (fineLayers > 0 && !fresh && parseResult.GetValue(fineTuning.StartModel) is { } startPath)
                {
                    var start = SkillTaggerModelFile.Load(startPath);
                    if (start.Stack is not null || start.Head.EncoderName != name) { Console.Error.WriteLine($"evaluate skills: --start-model {startPath} is not a frozen-encoder {name} tagger"); return 2; }
                    startHead = start.Head;
                    Log($"starting from {startPath} ({startHead.Lstm}-unit BiLSTM x {startHead.LstmLayerCount}, crf {startHead.Crf})");
                }
                if (startHead is null && !fresh)
                {
                    var trainVectors = Vectors(trainSentences);
                    Log($"training on {trainIdx.Count} sentences, choosing the epoch on {tuneIdx.Count} (postings held out of training): {options}");
                    var watch = Stopwatch.StartNew();
                    (head, var history) = SkillTaggerTrainer.Train(name, dimension,
                        trainIdx.Select(i => (trainSentences[i], trainVectors[i])).ToList(), tuneIdx.Select(i => (trainSentences[i], trainVectors[i])).ToList(), options, Log);
                    var best = history.MaxBy(h => h.Tune.Combined.F1);
                    Log($"trained in {watch.Elapsed.TotalSeconds:F0} s; kept epoch {best.Epoch} (tune combined F1 {best.Tune.Combined.F1:F3})");
                    startHead = head;
                }
                if (freshStack is not null)
                {
                    head = SkillFineTuning.Run(lowerEncoder!, freshStack, startHead, [.. trainIdx.Select(i => trainSentences[i])], [.. tuneIdx.Select(i => trainSentences[i])],
                        options, fine, parseResult.GetValue(fineTuning.Threads), Log);
                    fineTuned.Stack = freshStack;
                }
                head ??= startHead!; // fine-tuning always runs when a start model was read or a fresh head asked for
                var savePath = parseResult.GetValue(save) ?? DefaultModelPath(name);
                SkillTaggerModelFile.Save(head, savePath, fineTuned.Stack);
                Log($"model saved to {savePath}{(fineTuned.Stack is null ? "" : $" (format {SkillTaggerModelFile.FormatVersion}, top {fineTuned.Stack.LayerCount} layer(s) fine-tuned)")}");
            }
            if (head.InputDimension != dimension) { Console.Error.WriteLine($"evaluate skills: the model reads {head.InputDimension}-d word vectors, {name} gives {dimension}"); return 1; }

            var gazetteer = new SpanGazetteer(trainSentences);
            var dictionary = new DictionarySpanTagger(new SkillMatcher(LoadDictionary()));
            Console.WriteLine($"{"split",-6} {"system",-22} {"skill P",8} {"R",6} {"F1",6}   {"knowl P",8} {"R",6} {"F1",6}   {"comb P",8} {"R",6} {"F1",6}");
            SkillSpanScores Row(string split, string system, SkillSpanScores s)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{split,-6} {system,-22} {s.Skill.Precision,8:F3} {s.Skill.Recall,6:F3} {s.Skill.F1,6:F3}   {s.Knowledge.Precision,8:F3} {s.Knowledge.Recall,6:F3} {s.Knowledge.F1,6:F3}   {s.Combined.Precision,8:F3} {s.Combined.Recall,6:F3} {s.Combined.F1,6:F3}"));
                return s;
            }
            (SkillSpanScores Tagger, SkillSpanScores Gazetteer, SkillSpanScores Dictionary) Report(string split, List<TaggedSentence> sentences)
            {
                var vectors = Vectors(sentences);
                var tagger = SkillTaggerTrainer.Evaluate(head, sentences.Select((s, i) => (s, vectors[i])).ToList());
                var gaz = new SkillSpanScores();
                var dict = new SkillSpanScores();
                foreach (var s in sentences)
                {
                    gaz = gaz.Add(s, gazetteer.Tag(s.Tokens, SkillSpanKind.Skill), gazetteer.Tag(s.Tokens, SkillSpanKind.Knowledge));
                    dict = dict.Add(s, new byte[s.Tokens.Length], dictionary.Tag(s.Tokens));
                }
                return (Row(split, $"tagger ({head.EncoderName}{(fineTuned.Stack is null ? "" : $", ft {fineTuned.Stack.LayerCount}")})", tagger), Row(split, "gazetteer (train)", gaz), Row(split, "dictionary", dict));
            }
            var devResult = Report("dev", devSentences);
            var heldOut = testSentences is null ? devResult : Report("test", testSentences);
            if (greenSentences is not null)
            {
                var vectors = Vectors(greenSentences);
                SpanScore skillOnly = default, anyLayer = default, gazAny = default, dictAny = default;
                for (int i = 0; i < greenSentences.Count; i++)
                {
                    var s = greenSentences[i];
                    var gold = BioTags.Spans(s.Skill);
                    var (skill, knowledge) = head.Tag(vectors[i]);
                    skillOnly += SpanScore.Of(gold, BioTags.Spans(skill));
                    anyLayer += SpanScore.Of(gold, BioTags.Spans(skill).Concat(BioTags.Spans(knowledge)));
                    gazAny += SpanScore.Of(gold, BioTags.Spans(gazetteer.Tag(s.Tokens, SkillSpanKind.Skill)).Concat(BioTags.Spans(gazetteer.Tag(s.Tokens, SkillSpanKind.Knowledge))));
                    dictAny += SpanScore.Of(gold, BioTags.Spans(dictionary.Tag(s.Tokens)));
                }
                Console.WriteLine($"green_skill_ner (out of domain, gold = its Skill tag, {greenSentences.Count} sentences):");
                Console.WriteLine($"  tagger skill layer      {skillOnly}");
                Console.WriteLine($"  tagger either layer     {anyLayer}");
                Console.WriteLine($"  gazetteer either layer  {gazAny}");
                Console.WriteLine($"  dictionary              {dictAny}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"skills: heldout={(testSentences is null ? "dev" : "test")} fine_tuned_layers={fineTuned.Stack?.LayerCount ?? 0} span_f1={heldOut.Tagger.Combined.F1:F3} skill_f1={heldOut.Tagger.Skill.F1:F3} knowledge_f1={heldOut.Tagger.Knowledge.F1:F3} gazetteer_f1={heldOut.Gazetteer.Combined.F1:F3} dictionary_f1={heldOut.Dictionary.Combined.F1:F3}"));
            return 0;
        });
        return command;
    }

    /// <summary>Holds the fine-tuned layers once known (a local the lambdas above read).</summary>
    private sealed class BertStackHolder
    {
        public JobRec.ML.Text.Transformer.BertLayerStack? Stack;
    }

    private static Command EvaluateEscoLinkingCommand()
    {
        var folder = Path.Combine(SharedData, "decorte_esco_skill_benchmark");
        var labels = new Option<string>("--labels") { Description = "ESCO skill labels, one per line", DefaultValueFactory = _ => Path.Combine(folder, "skills_en_label.txt") };
        var annotations = new Option<string[]>("--annotations") { Description = "Validation annotation files (sentence,span,sub_span,label)", AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [Path.Combine(folder, "tech_validation_annotations.csv"), Path.Combine(folder, "house_validation_annotations.csv")] };
        var encoderName = EncoderOption();
        var threads = ThreadsOption();
        var command = new Command("esco-skills", "Link skill spans to ESCO skills by embedding similarity; accuracy on the Decorte et al. validation annotations");
        foreach (var o in new Option[] { labels, annotations, encoderName, threads }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var labelList = EscoSkillLinker.ReadLabels(parseResult.GetValue(labels)!);
            var labelSet = labelList.ToHashSet(StringComparer.Ordinal);
            using var encoder = LoadEncoder(parseResult.GetValue(encoderName)!, parseResult.GetValue(threads));
            using var cached = new DiskCachedTextEncoder(encoder, Path.Combine(ModelCache.Root, "embeddings", $"{encoder.Model.Name}.bin"));
            Log($"embedding {labelList.Count} ESCO labels (cached vectors are reused)");
            var linker = new EscoSkillLinker(cached, labelList);
            var all = new List<(string, HashSet<string>)>();
            foreach (var path in parseResult.GetValue(annotations)!)
            {
                var queries = EscoLinkingEvaluation.ReadAnnotations(path, labelSet);
                all.AddRange(queries);
                Console.WriteLine($"{Path.GetFileName(path)}: {EscoLinkingEvaluation.Evaluate(linker, queries)}");
            }
            var total = EscoLinkingEvaluation.Evaluate(linker, all);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"esco-skills: encoder={encoder.Model.Name} labels={labelList.Count} queries={total.Queries} acc1={total.AccuracyAt1:F3} acc5={total.AccuracyAt5:F3} mrr5={total.Mrr:F3}"));
            return 0;
        });
        return command;
    }

    /// <summary>The dictionary the engine's matcher uses in tests: built-in aliases, ESCO skill collections, O*NET technology skills, LinkedIn skill lists.</summary>
    private static SkillVocabulary LoadDictionary()
    {
        var vocabulary = new SkillVocabulary();
        var report = new ReadReport();
        var esco = Path.Combine(SharedData, "esco");
        if (Directory.Exists(esco)) SkillVocabularyLoader.AddEsco(vocabulary, Directory.GetFiles(esco, "*SkillsCollection_en.csv"), report);
        var onet = Path.Combine(SharedData, "onet", "ONET.TechnologySkills.tsv");
        if (File.Exists(onet)) SkillVocabularyLoader.AddOnetTechnology(vocabulary, onet, report);
        var linkedIn = Path.Combine(SharedData, "linkedin_asaniczka_2024_sample", "job_skills.csv");
        if (File.Exists(linkedIn)) SkillVocabularyLoader.AddLinkedInSkillLists(vocabulary, linkedIn, report);
        Log($"dictionary: {vocabulary.Count} skills, {vocabulary.SurfaceFormCount} surface forms");
        return vocabulary;
    }

    private static SkillTagger LoadTagger(string? modelPath, string encoderName, int threads, out OnnxSentenceEncoder encoder)
    {
        var path = modelPath ?? DefaultModelPath(encoderName);
        if (!File.Exists(path)) throw new FileNotFoundException($"skill tagger model not found: {path}; train one with jobrec evaluate skills (or give --model)", path);
        var loaded = SkillTaggerModelFile.Load(path);
        var model = PretrainedEncoderModel.Find(loaded.Head.EncoderName) ?? throw new InvalidDataException($"{path}: unknown encoder '{loaded.Head.EncoderName}'");
        encoder = OnnxSentenceEncoder.Load(model, new OnnxEncoderOptions(IntraOpThreads: threads, OutputLayer: loaded.Stack?.FirstLayer));
        Log($"encoder {encoder.Model.Description} on {encoder.ExecutionProvider}{(loaded.Stack is { } stack ? $", layers {stack.FirstLayer}.. fine-tuned with the tagger" : "")}");
        return new SkillTagger(new WordStateEncoder(encoder, loaded.Stack), loaded.Head);
    }

    private static Command ExtractCommand()
    {
        var texts = new Argument<string[]>("texts") { Description = "Texts to tag; '-' reads standard input", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model") { Description = "Tagger model (default $JOBREC_CACHE/models/skill-tagger-minilm.jrst, written by jobrec evaluate skills)" };
        var threads = ThreadsOption();
        var command = new Command("skills", "Extract skill and knowledge spans (with character offsets) from text with the trained tagger");
        command.Arguments.Add(texts);
        command.Options.Add(model);
        command.Options.Add(threads);
        command.SetAction(parseResult =>
        {
            SkillTagger tagger;
            OnnxSentenceEncoder encoder;
            try { tagger = LoadTagger(parseResult.GetValue(model), PretrainedEncoderModel.MiniLm.Name, parseResult.GetValue(threads), out encoder); }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { Console.Error.WriteLine($"skills: {e.Message}"); return 1; }
            using (encoder)
            {
                foreach (var input in parseResult.GetValue(texts)!)
                {
                    var text = input == "-" ? Console.In.ReadToEnd() : input;
                    IReadOnlyList<ExtractedSpan> spans;
                    try { spans = tagger.Extract(text); }
                    catch (ArgumentException e) { Console.Error.WriteLine($"skills: {e.Message.Split('\n')[0].Split(" (Parameter")[0]}"); return 1; }
                    foreach (var span in spans) Console.WriteLine($"{span.Kind.ToString().ToLowerInvariant()}\t{span.Start}\t{span.Length}\t{span.Text}");
                    Console.WriteLine($"skills: spans={spans.Count} characters={text.Length}");
                }
            }
            return 0;
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var data = new Option<string>("--data") { Description = "SkillSpan JSON lines whose sentences are tagged", DefaultValueFactory = _ => Path.Combine(SharedData, "skillspan", "dev.json") };
        var count = new Option<int>("--sentences") { Description = "Sentences tagged (from the start of --data)", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var model = new Option<string?>("--model") { Description = "Tagger model (default $JOBREC_CACHE/models/skill-tagger-minilm.jrst, written by jobrec evaluate skills)" };
        var threads = ThreadsOption();
        var command = new Command("skills", "Skill tagger throughput: sentences/s of encoder + head, and of the head alone");
        foreach (var o in new Option[] { data, count, model, threads }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            SkillTagger tagger;
            OnnxSentenceEncoder encoder;
            try { tagger = LoadTagger(parseResult.GetValue(model), PretrainedEncoderModel.MiniLm.Name, parseResult.GetValue(threads), out encoder); }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { Console.Error.WriteLine($"bench skills: {e.Message}"); return 1; }
            using (encoder)
            {
                var sentences = SkillSpanCorpus.ReadJsonLines(parseResult.GetValue(data)!).Take(parseResult.GetValue(count)).Select(s => s.Tokens).ToList();
                int words = sentences.Sum(s => s.Length);
                tagger.Tag(sentences.Take(32).ToList()); // warm-up
                var watch = Stopwatch.StartNew();
                var vectors = tagger.Words.Encode(sentences);
                double encodeSeconds = watch.Elapsed.TotalSeconds;
                watch.Restart();
                foreach (var v in vectors) tagger.Head.Tag(v);
                double headSeconds = watch.Elapsed.TotalSeconds;
                double total = encodeSeconds + headSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench skills: encoder={tagger.Head.EncoderName} provider=\"{encoder.ExecutionProvider}\" sentences={sentences.Count} words={words} seconds={total:F2} sentences_per_s={sentences.Count / total:F1} words_per_s={words / total:F0} head_sentences_per_s={sentences.Count / headSeconds:F0}"));
            }
            return 0;
        });
        return command;
    }
}
