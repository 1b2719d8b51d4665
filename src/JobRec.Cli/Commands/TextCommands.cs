using JobRec.Data.Readers.Onet;
using System.CommandLine;
using System.Globalization;
using JobRec.ML.Onet;
using JobRec.ML.Search;
using JobRec.ML.Text;
using JobRec.ML.Text.FineTuning;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.UseLite;
using JobRec.Vectors.Benchmarks;
using JobRec.Vectors.Faiss;
using JobRec.Data.Reading;
using JobRec.Data.Readers.Dice;
using JobRec.Data.Readers.JobViews;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the text concern: <c>encode</c>, <c>search</c>, <c>evaluate onet</c>, <c>evaluate esco-titles</c>, <c>bench text</c>
/// (the encoder experiments, <c>finetune</c> and <c>encode --golden</c>, are in the lab tool).</summary>
internal static class TextCommands
{
    /// <summary>Adds the text commands to the root and to the shared <paramref name="bench"/> and <paramref name="evaluate"/> parents.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        root.Subcommands.Add(EncodeCommand());
        root.Subcommands.Add(SearchCommand());
        evaluate.Subcommands.Add(EvaluateOnetCommand());
        evaluate.Subcommands.Add(EvaluateEscoCommand());
        bench.Subcommands.Add(BenchTextCommand());
    }

    private static string SharedData => CliOptions.SharedData;

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary><paramref name="encoder"/> with the persistent embedding cache $JOBREC_CACHE/embeddings/&lt;name&gt;.bin.</summary>
    private static DiskCachedTextEncoder CachedEncoder(ITextEncoder encoder, string name) =>
        new(encoder, TextEncoderCatalog.EmbeddingCacheFile(name, encoder));

    private static Command EncodeCommand()
    {
        var texts = new Argument<string[]>("texts") { Description = "Texts to embed (prints the first values of each vector)", Arity = ArgumentArity.OneOrMore };
        texts.Validators.Add(result =>
        {
            // System.CommandLine hands an unknown --option to a text argument; refuse it rather than embed it.
            if (result.GetValueOrDefault<string[]>()?.FirstOrDefault(t => t.StartsWith("--", StringComparison.Ordinal)) is { } option)
                result.AddError($"unknown option {option} (the reference-embedding check is jobrec-lab encode --golden)");
        });
        var command = new Command("encode", "Embed texts with the USE-Lite encoder");
        command.Arguments.Add(texts);
        command.SetAction(parseResult =>
        {
            var encoder = UseLiteEncoder.Load();
            var input = parseResult.GetValue(texts)!;
            var vectors = encoder.Encode(input);
            for (int i = 0; i < input.Length; i++)
            {
                var ids = encoder.Tokenizer.Encode(input[i]);
                var head = string.Join(' ', vectors.Skip(i * encoder.Dimension).Take(8).Select(v => v.ToString("F4", CultureInfo.InvariantCulture)));
                Console.WriteLine($"{input[i]}\ttokens={ids.Length}\t[{head} ...]");
            }
            return 0;
        });
        return command;
    }

    private static Command SearchCommand()
    {
        var query = new Argument<string>("query") { Description = "Free-text query, e.g. \"data scientist 6 years, LLMs, credit risk\"" };
        var data = new Option<string>("--data") { Description = "Folder of job postings (generated CSV, LinkedIn 2024, arshkon, Dice or CareerBuilder files)", Required = true };
        var k = CliOptions.K(10, "Number of results");
        var location = new Option<string?>("--location") { Description = "Only jobs whose location contains this text or whose region code equals it" };
        var level = new Option<string?>("--level") { Description = "Only this seniority level (internship, entry, associate, mid-senior, director, executive)" };
        var type = new Option<string?>("--type") { Description = "Only this employment type (full-time, part-time, contract, temporary, internship)" };
        var remote = new Option<bool>("--remote") { Description = "Only remote jobs" };
        var head = new Option<string?>("--head") { Description = "Fine-tuned projection head file (from jobrec-lab finetune)" };
        var max = new Option<int>("--max-jobs") { Description = "Read at most this many jobs", DefaultValueFactory = _ => 200_000 }.AtLeast(1);
        var encoderSettings = new EncoderOptionSet(TextEncoderCatalog.Default);
        var command = new Command("search", "Semantic job search over a folder of postings, with filters");
        command.Arguments.Add(query);
        foreach (var o in new Option[] { data, k, location, level, type, remote, head, max }) command.Options.Add(o);
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            var jobs = JobCorpus.Load(parseResult.GetValue(data)!, Log, parseResult.GetValue(max));
            if (jobs.Count == 0) { Console.Error.WriteLine($"no job postings found in {parseResult.GetValue(data)}"); return 1; }
            using var cached = CachedEncoder(encoderSettings.Create(parseResult, Log), encoderSettings.Name(parseResult));
            ITextEncoder encoder = parseResult.GetValue(head) is { } headPath ? new ProjectedTextEncoder(cached, ProjectionHead.Load(headPath)) : cached;
            Log($"embedding {jobs.Count} jobs (cached vectors are reused)");
            var search = new SemanticJobSearch(jobs, encoder, progress: n => { if (n % 5120 == 0) Log($"{n} jobs embedded"); });
            var filter = new JobSearchFilter(parseResult.GetValue(location), parseResult.GetValue(level), parseResult.GetValue(type),
                parseResult.GetValue(remote) ? true : null);
            var hits = search.Search(parseResult.GetValue(query)!, parseResult.GetValue(k), filter);
            int rank = 0;
            foreach (var hit in hits)
            {
                var j = hit.Job;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{++rank,3}. {hit.Score:F3}  {j.Id}  {j.Title} | {j.Company} | {j.Location} | {Or(j.Level)} | {Or(j.EmploymentType)}{(j.Remote ? " | remote" : "")}"));
            }
            Console.WriteLine($"search: jobs={jobs.Count} results={hits.Count}");
            return 0;
        });
        return command;
    }

    private static string Or(string value) => value.Length == 0 ? "-" : value;

    private static Command EvaluateOnetCommand()
    {
        var settings = new OnetEvaluationOptionSet();
        var test = new Option<string?>("--test") { Description = "Held-out titles (AlternateTitles columns); default: the deterministic 20% split of --onet's alternate titles" };
        var writeSplit = new Option<string?>("--write-split") { Description = "Write the deterministic 20% test split to this file and exit" };
        var tune = new Option<bool>("--tune") { Description = "Choose the mixing weights on a development split of the training titles first (trains twice)" };
        var command = new Command("onet", "Train the O*NET classifier and score held-out titles (top-1/5/10, MRR@10) beside a TF-IDF kNN baseline");
        command.AddAll(test, writeSplit, tune);
        settings.AddTo(command);
        command.SetAction(parseResult =>
        {
            var onetDir = parseResult.GetValue(settings.Onet)!;
            if (parseResult.GetValue(writeSplit) is { } splitPath)
            {
                var (_, heldOut) = TitleSplit.Split(OnetSource.LoadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile)));
                OnetSource.WriteAlternateTitles(splitPath, heldOut);
                Console.WriteLine($"split: test={heldOut.Count} file={splitPath}");
                return 0;
            }
            if (settings.EncoderMismatch(parseResult, "evaluate onet") is { } mismatch) { Console.Error.WriteLine(mismatch); return 2; }
            using var encoder = settings.CreateEncoder(parseResult, Log);
            var (result, _) = OnetEvaluation.Run(onetDir, parseResult.GetValue(test), encoder, settings.Build(parseResult), Log, parseResult.GetValue(tune));
            if (result.Development is { } development) Console.WriteLine($"development (tuning split of train): {development}");
            Console.WriteLine($"classifier: {result.Classifier}");
            if (result.AnyCode is { } anyCode) Console.WriteLine($"classifier, hit = any code of the same title in the test set (secondary): {anyCode}");
            Console.WriteLine($"tfidf-knn:  {result.TfIdf}");
            Console.WriteLine(result);
            return 0;
        });
        return command;
    }

    private static Command EvaluateEscoCommand()
    {
        var titles = new Option<string>("--titles") { Description = "JobBERT titles.csv (vacancyTitle, conceptUri)", DefaultValueFactory = _ => Path.Combine(SharedData, "jobbert_title_normalization", "titles.csv") };
        var esco = new Option<string>("--esco") { Description = "ESCO occupations_en.csv", DefaultValueFactory = _ => Path.Combine(SharedData, "esco", "occupations_en.csv") };
        var head = new Option<string?>("--head") { Description = "Fine-tuned projection head file (from jobrec-lab finetune)" };
        var max = new Option<int>("--max-titles") { Description = "Use at most this many titles", DefaultValueFactory = _ => int.MaxValue }.AtLeast(1);
        var split = new ChoiceOption<EscoTitleSplit>("--split", "Titles scored: all, train (what jobrec-lab finetune trains on) or held-out (20%, never trained on)", "all",
            ("all", EscoTitleSplit.All), ("train", EscoTitleSplit.Train), ("held-out", EscoTitleSplit.HeldOut));
        var encoderSettings = new EncoderOptionSet(TextEncoderCatalog.Default);
        var command = new Command("esco-titles", "Title normalisation to ESCO occupations (JobBERT set): MAP@10, MRR, R@1/5/10");
        command.AddAll(titles, esco, head, max, split);
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            using var cached = CachedEncoder(encoderSettings.Create(parseResult, Log), encoderSettings.Name(parseResult));
            ITextEncoder encoder = parseResult.GetValue(head) is { } headPath ? new ProjectedTextEncoder(cached, ProjectionHead.Load(headPath)) : cached;
            var scores = EscoTitleEvaluation.Run(parseResult.GetValue(titles)!, parseResult.GetValue(esco)!, encoder, parseResult.GetValue(max), Log,
                split.Get(parseResult));
            Console.WriteLine(EscoTitleEvaluation.Summary(scores));
            return 0;
        });
        return command;
    }

    private static Command BenchTextCommand()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder: alternate titles and descriptions are the benchmark texts", DefaultValueFactory = _ => Path.Combine(SharedData, "onet") };
        var encoders = new Option<string>("--encoders") { Description = $"Comma-separated encoders to measure ({string.Join(", ", TextEncoderCatalog.Names)})", DefaultValueFactory = _ => "minilm,arctic-xs,use-lite" }
            .SomeOf([.. TextEncoderCatalog.Names]);
        var titles = new Option<int>("--titles") { Description = "Job titles to encode", DefaultValueFactory = _ => 2000 }.AtLeast(1);
        var descriptions = new Option<int>("--descriptions") { Description = "Descriptions of 256 WordPiece tokens to encode", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var skipVectors = new Option<bool>("--skip-vectors") { Description = "Measure the encoders only, not the FAISS index" };
        var n = new Option<int>("--n") { Description = "Vectors in the FAISS benchmark", DefaultValueFactory = _ => 100_000 }.AtLeast(1);
        var queries = new Option<int>("--queries") { Description = "Queries in the FAISS benchmark", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var distribution = new Option<VectorDistribution>("--distribution") { Description = "clustered (1,000 centroids + noise: the shape of sentence embeddings) or uniform random unit vectors", DefaultValueFactory = _ => VectorDistribution.Clustered };
        var m = new Option<int>("--m") { Description = "HNSW neighbours per node", DefaultValueFactory = _ => 16 };
        var efConstruction = new Option<int>("--ef-construction") { Description = "HNSW build breadth", DefaultValueFactory = _ => 40 };
        var efSearch = new Option<int>("--ef-search") { Description = "HNSW search breadth tried first; doubled until 200 separate tuning queries reach recall@10 0.95", DefaultValueFactory = _ => 16 };
        var threads = CliOptions.FaissThreads();
        var budget = new Option<double>("--max-build-seconds") { Description = "Stop adding to the HNSW graph after this many seconds (exact and flat then use the same vectors; 0: no limit)", DefaultValueFactory = _ => 900 }.AtLeast(0);
        var encoderSettings = new EncoderOptionSet(TextEncoderCatalog.Default);
        var command = new Command("text", "Encoder throughput per encoder (titles/s, 256-token descriptions/s), then FAISS HNSW recall@10/qps vs flat at the first encoder's dimension");
        foreach (var o in new Option[] { onet, encoders, titles, descriptions, skipVectors, n, queries, distribution, m, efConstruction, efSearch, threads, budget,
            encoderSettings.Threads, encoderSettings.Batch, encoderSettings.Execution }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var names = CliOptions.Items(parseResult.GetValue(encoders)!);
            var onetDir = parseResult.GetValue(onet)!;
            var titleTexts = OnetSource.LoadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile))
                .Select(t => t.Title).Take(parseResult.GetValue(titles)).ToArray();
            var occupations = OnetSource.LoadOccupations(Path.Combine(onetDir, OnetEvaluation.OccupationFile));
            // Descriptions are cut or repeated to 256 WordPiece tokens of the BERT vocabulary (both ONNX models use it).
            var wordPiece = WordPieceTokenizer.Load(Path.Combine(PretrainedEncoderModel.MiniLm.CacheDirectory, "vocab.txt"));
            var longTexts = TextEncoderBenchmark.ToTokenLength(t => wordPiece.Encode(t, 100_000).Length - 2,
                occupations.Select(o => o.Description).Where(t => !string.IsNullOrWhiteSpace(t)).Take(parseResult.GetValue(descriptions)), 256).ToArray();
            int dimension = 0;
            foreach (var name in names)
            {
                ITextEncoder encoder;
                try
                {
                    encoder = encoderSettings.Create(parseResult, Log, name);
                }
                catch (InvalidOperationException e)
                {
                    // --encoder-execution cuda without a CUDA build or GPU.
                    Console.Error.WriteLine($"bench text: {name}: {e.Message}");
                    return 1;
                }
                try
                {
                    if (dimension == 0) dimension = encoder.Dimension;
                    double titlesPerSecond = TextEncoderBenchmark.TextsPerSecond(encoder, titleTexts, 256);
                    Log($"{name}: {titleTexts.Length} titles at {titlesPerSecond:F0}/s (256 per call, {Environment.ProcessorCount} cores)");
                    double descriptionsPerSecond = TextEncoderBenchmark.TextsPerSecond(encoder, longTexts, 32);
                    var (reads, provider, encoderThreads) = encoder switch
                    {
                        OnnxSentenceEncoder o => ($"{o.MaxTokens} WordPiece tokens", o.ExecutionProvider.StartsWith("CUDA", StringComparison.Ordinal) ? "cuda" : "cpu", o.Threads),
                        UseLiteEncoder => ($"{UseLiteEncoder.MaxTokens} SentencePiece tokens", "managed-cpu", Environment.ProcessorCount),
                        _ => ("all words", "managed-cpu", 1),
                    };
                    Log($"{name}: {longTexts.Length} descriptions of 256 WordPiece tokens (the model reads at most {reads}) at {descriptionsPerSecond:F1}/s (32 per call)");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"text: encoder={name} titles_per_s={titlesPerSecond:F0} descriptions_per_s={descriptionsPerSecond:F1} dim={encoder.Dimension} provider={provider} threads={encoderThreads}"));
                }
                finally
                {
                    (encoder as IDisposable)?.Dispose();
                }
            }
            if (parseResult.GetValue(skipVectors)) return 0;
            var vectorOptions = new VectorBenchmarkOptions(parseResult.GetValue(distribution),
                Hnsw: new HnswParameters(parseResult.GetValue(m), parseResult.GetValue(efConstruction), parseResult.GetValue(efSearch)),
                Threads: parseResult.GetValue(threads), MaxBuildSeconds: parseResult.GetValue(budget));
            var vectors = VectorIndexBenchmark.Run(parseResult.GetValue(n), dimension, parseResult.GetValue(queries), 10, vectorOptions, Log);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"distribution={vectors.Distribution.ToString().ToLowerInvariant()} m={vectors.HnswM} ef_construction={vectors.HnswEfConstruction} ef_search={vectors.HnswEfSearch} threads={FaissRuntime.ThreadCount} exact_qps={vectors.ExactQueriesPerSecond:F0} flat_recall10={vectors.FlatRecall:F4}"));
            Console.WriteLine(vectors);
            return 0;
        });
        return command;
    }
}
