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

namespace JobRec.Cli.Commands;

/// <summary>Commands of the text concern: <c>encode</c>, <c>search</c>, <c>finetune</c>, <c>evaluate onet</c>, <c>evaluate esco-titles</c>, <c>bench text</c>.</summary>
internal static class TextCommands
{
    /// <summary>Adds the text commands to the root and to the shared <paramref name="bench"/> and <paramref name="evaluate"/> parents.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        root.Subcommands.Add(EncodeCommand());
        root.Subcommands.Add(SearchCommand());
        root.Subcommands.Add(FineTuneCommand());
        evaluate.Subcommands.Add(EvaluateOnetCommand());
        evaluate.Subcommands.Add(EvaluateEscoCommand());
        evaluate.Subcommands.Add(OnetRerankExperiment.Command());
        evaluate.Subcommands.Add(OnetEncoderExperiment.Command());
        bench.Subcommands.Add(BenchTextCommand());
    }

    private static string SharedData => Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA") ?? Path.Combine("..", "shared", "data");

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>The encoder with the persistent embedding cache under $JOBREC_CACHE/embeddings (texts already seen are not re-encoded).</summary>
    private static CachedTextEncoder CachedEncoder(UseLiteEncoder encoder) => CachedEncoder(encoder, TextEncoderCatalog.UseLite);

    /// <summary><paramref name="encoder"/> with the persistent embedding cache $JOBREC_CACHE/embeddings/&lt;name&gt;.bin.</summary>
    private static CachedTextEncoder CachedEncoder(ITextEncoder encoder, string name) =>
        new(encoder, Path.Combine(ModelCache.Root, "embeddings", $"{name}.bin"));

    private static Command EncodeCommand()
    {
        var texts = new Argument<string[]>("texts") { Description = "Texts to embed (prints the first values of each vector)", Arity = ArgumentArity.ZeroOrMore };
        var golden = new Option<string?>("--golden") { Description = "Check tokenizer and encoder against a golden_embeddings.json from the TF.js reference" };
        var command = new Command("encode", "Embed texts with the USE-Lite encoder, or check it against reference embeddings");
        command.Arguments.Add(texts);
        command.Options.Add(golden);
        command.SetAction(parseResult =>
        {
            var encoder = UseLiteEncoder.Load();
            if (parseResult.GetValue(golden) is { } goldenPath)
            {
                var result = GoldenEmbeddingCheck.Run(goldenPath, encoder);
                foreach (var problem in result.Problems) Console.WriteLine(problem);
                Console.WriteLine(result);
                return result.TokensMatch == result.Sentences && result.MinCosine >= 0.9999 ? 0 : 1;
            }
            var input = parseResult.GetValue(texts) ?? [];
            if (input.Length == 0) { Console.Error.WriteLine("give texts to encode or --golden <file>"); return 2; }
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
        var k = new Option<int>("--k") { Description = "Number of results", DefaultValueFactory = _ => 10 };
        var location = new Option<string?>("--location") { Description = "Only jobs whose location contains this text or whose region code equals it" };
        var level = new Option<string?>("--level") { Description = "Only this seniority level (internship, entry, associate, mid-senior, director, executive)" };
        var type = new Option<string?>("--type") { Description = "Only this employment type (full-time, part-time, contract, temporary, internship)" };
        var remote = new Option<bool>("--remote") { Description = "Only remote jobs" };
        var head = new Option<string?>("--head") { Description = "Fine-tuned projection head file (from jobrec finetune)" };
        var max = new Option<int>("--max-jobs") { Description = "Read at most this many jobs", DefaultValueFactory = _ => 200_000 };
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

    private static Command FineTuneCommand()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder (OccupationData + AlternateTitles)", DefaultValueFactory = _ => Path.Combine(SharedData, "onet") };
        var dice = new Option<string?>("--dice") { Description = "Dice folder (title -> description and query-like pairs)", DefaultValueFactory = _ => Path.Combine(SharedData, "dice_jobs_2016") };
        var views = new Option<string?>("--job-views") { Description = "Job_Views folder (co-viewed job pairs)", DefaultValueFactory = _ => Path.Combine(SharedData, "job_views_interactions") };
        var output = new Option<string?>("--out") { Description = "Where to save the projection head (default: $JOBREC_CACHE/models/<encoder>-head.bin)" };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 3 };
        var temperature = new Option<float>("--temperature") { Description = "Softmax temperature of the InfoNCE loss", DefaultValueFactory = _ => new ContrastiveOptions().Temperature };
        var rate = new Option<float>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => new ContrastiveOptions().LearningRate };
        var jobbert = new Option<string>("--jobbert") { Description = "JobBERT titles.csv: its training split (evaluate esco-titles --split train) gives vacancy title -> ESCO preferred label pairs", DefaultValueFactory = _ => Path.Combine(SharedData, "jobbert_title_normalization", "titles.csv") };
        var esco = new Option<string>("--esco") { Description = "ESCO occupations_en.csv (alternative label -> preferred label pairs; labels of the JobBERT pairs)", DefaultValueFactory = _ => Path.Combine(SharedData, "esco", "occupations_en.csv") };
        var sources = new Option<string>("--sources") { Description = "Comma-separated pair sources: onet, dice, co-view, jobbert, esco", DefaultValueFactory = _ => "onet,dice,co-view,jobbert,esco" };
        var encoderSettings = new EncoderOptionSet(TextEncoderCatalog.Default, "Frozen encoder under the head: minilm, arctic-xs, use-lite, hashed");
        var command = new Command("finetune", "Contrastive (InfoNCE, in-batch negatives) fine-tuning of a projection head on job text pairs; prints retrieval before/after");
        foreach (var o in new Option[] { onet, dice, views, jobbert, esco, sources, output, epochs, temperature, rate }) command.Options.Add(o);
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            var chosen = parseResult.GetValue(sources)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            string[] known = ["onet", "dice", "co-view", "jobbert", "esco"];
            if (chosen.Count == 0 || !chosen.IsSubsetOf(known))
            {
                Console.Error.WriteLine($"finetune: --sources '{parseResult.GetValue(sources)}': use some of {string.Join(", ", known)}");
                return 2;
            }
            foreach (var file in new[] { parseResult.GetValue(jobbert)!, parseResult.GetValue(esco)! }.Where(_ => chosen.Contains("jobbert") || chosen.Contains("esco")))
            {
                if (File.Exists(file)) continue;
                Console.Error.WriteLine($"finetune: file not found: {file}");
                return 2;
            }
            if (parseResult.GetValue(epochs) < 1 || parseResult.GetValue(temperature) <= 0 || parseResult.GetValue(rate) <= 0)
            {
                Console.Error.WriteLine("finetune: --epochs, --temperature and --lr must be positive");
                return 2;
            }
            var pairs = new List<TrainingPair>();
            if (chosen.Contains("onet"))
            {
                var onetDir = parseResult.GetValue(onet)!;
                var occupations = OnetTsvReader.ReadOccupations(Path.Combine(onetDir, OnetEvaluation.OccupationFile));
                var (train, _) = TitleSplit.Split(OnetTsvReader.ReadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile)));
                pairs.AddRange(TrainingPairSources.OnetTitles(occupations, train));
            }
            if (chosen.Contains("dice") && parseResult.GetValue(dice) is { } diceDir && Directory.Exists(diceDir)) pairs.AddRange(TrainingPairSources.DicePostings(diceDir));
            if (chosen.Contains("co-view") && parseResult.GetValue(views) is { } viewsDir && Directory.Exists(viewsDir)) pairs.AddRange(TrainingPairSources.CoViews(viewsDir, maxPairs: 1500));
            if (chosen.Contains("jobbert") || chosen.Contains("esco"))
            {
                var readReport = new JobRec.Data.Reading.ReadReport();
                var escoOccupations = JobRec.Data.Readers.Esco.EscoSource.ReadOccupations(parseResult.GetValue(esco)!, readReport).ToList();
                if (chosen.Contains("esco")) pairs.AddRange(TrainingPairSources.EscoLabels(escoOccupations));
                if (chosen.Contains("jobbert"))
                {
                    // Only the training split: evaluate esco-titles --split held-out scores titles no head has seen.
                    var (jobbertTrain, _) = EscoTitleEvaluation.SplitTitles(EscoTitleEvaluation.ReadTitles(parseResult.GetValue(jobbert)!, readReport).ToList());
                    pairs.AddRange(TrainingPairSources.JobBertTitles(jobbertTrain, escoOccupations));
                }
                foreach (var issue in readReport.Issues.Take(5)) Log($"  {issue}");
            }
            foreach (var g in pairs.GroupBy(p => p.Source)) Log($"{g.Key}: {g.Count()} pairs");
            var name = encoderSettings.Name(parseResult);
            using var encoder = CachedEncoder(encoderSettings.Create(parseResult, Log), name);
            var (head, report) = FineTuningRun.Run(pairs, encoder, new ContrastiveOptions(Epochs: parseResult.GetValue(epochs), LearningRate: parseResult.GetValue(rate),
                Temperature: parseResult.GetValue(temperature)), Log);
            var headPath = parseResult.GetValue(output) ?? Path.Combine(ModelCache.Root, "models", $"{name}-head.bin");
            head.Save(headPath);
            Log($"head saved to {headPath}");
            Console.WriteLine(report);
            return 0;
        });
        return command;
    }

    private static Command EvaluateOnetCommand()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder to train on (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv)", Required = true };
        var test = new Option<string?>("--test") { Description = "Held-out titles (AlternateTitles columns); default: the deterministic 20% split of --onet's alternate titles" };
        var writeSplit = new Option<string?>("--write-split") { Description = "Write the deterministic 20% test split to this file and exit" };
        var noHead = new Option<bool>("--no-head") { Description = "Skip fine-tuning the projection head" };
        var tune = new Option<bool>("--tune") { Description = "Choose the mixing weights on a development split of the training titles first (trains twice)" };
        var epochs = new Option<int>("--classifier-epochs") { Description = "Epochs of the learned classifier", DefaultValueFactory = _ => new OnetClassifierOptions().ClassifierEpochs };
        var rate = new Option<float>("--classifier-lr") { Description = "Initial SGD step of the learned classifier", DefaultValueFactory = _ => new OnetClassifierOptions().ClassifierLearningRate };
        var hidden = new Option<int>("--classifier-hidden") { Description = "Width of the classifier's n-gram embeddings", DefaultValueFactory = _ => new OnetClassifierOptions().ClassifierHidden };
        var command = new Command("onet", "Train the O*NET classifier and score held-out titles (top-1/5/10, MRR@10) beside a TF-IDF kNN baseline");
        var developmentOnly = new Option<bool>("--development-only") { Description = "Only tune and score on the development split of the training titles (the test titles are not scored)" };
        var predictions = new Option<string?>("--write-predictions") { Description = "With --development-only: write each development title's code, title and top-5 predictions (TSV) here (the reranker has seen these titles, so they are in-sample)" };
        var groups = new Option<bool>("--soc-groups") { Description = "Let the classifier share output weights within SOC groups" };
        var seeds = new Option<int>("--classifier-seeds") { Description = "Learned classifiers (consecutive seeds) whose probabilities are averaged", DefaultValueFactory = _ => new OnetClassifierOptions().ClassifierSeeds };
        var folds = new Option<int>("--rerank-folds") { Description = "Cross-fitted parts of the training titles that give the reranker more lists (0 = development titles only)", DefaultValueFactory = _ => new OnetClassifierOptions().RerankFolds };
        var noRerank = new Option<bool>("--no-rerank") { Description = "Rank by the fused score alone, without the reranker (trains one model instead of five)" };
        var candidates = new Option<int>("--rerank-candidates") { Description = "Fused candidates the reranker re-orders per title", DefaultValueFactory = _ => new RerankerOptions().Candidates };
        var writeLists = new Option<string?>("--write-lists") { Description = "With --development-only: save the reranker's fold lists and development lists here (for jobrec evaluate onet-rerank)" };
        var headEpochs = new Option<int>("--head-epochs") { Description = "Epochs of the head's contrastive training", DefaultValueFactory = _ => new ContrastiveOptions().Epochs };
        var noAugment = new Option<bool>("--no-augment") { Description = "Train on the given titles only, without those derived from the occupation titles (singular forms, list members)" };
        var encoderEpochs = new Option<int>("--encoder-epochs") { Description = "Epochs of the fine-tuned USE-Lite title classifier mixed into the learned classifier (0: none)", DefaultValueFactory = _ => OnetClassifierDefaults.EncoderEpochs };
        var encoderShare = new Option<float>("--encoder-share") { Description = "Share of the fine-tuned USE-Lite classifier in the learned classifier's probabilities", DefaultValueFactory = _ => new OnetClassifierOptions().EncoderClassifierShare };
        var headTitlePairs = new Option<bool>("--head-title-pairs") { Description = "Also train the projection head on title-to-title pairs of one occupation" };
        foreach (var o in new Option[] { onet, test, writeSplit, noHead, tune, epochs, rate, hidden, developmentOnly, predictions, groups, noAugment, noRerank, seeds, folds, candidates, writeLists, headEpochs, encoderEpochs, encoderShare, headTitlePairs }) command.Options.Add(o);
        // The classifier's encoder evidence: MiniLM, measured best here (docs/EVALUATION.md; --encoder-epochs needs use-lite).
        var encoderSettings = new EncoderOptionSet(OnetClassifierDefaults.EncoderName, "Encoder of the classifier's cosine evidence: minilm (default), arctic-xs, use-lite, hashed");
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            var onetDir = parseResult.GetValue(onet)!;
            if (parseResult.GetValue(writeSplit) is { } splitPath)
            {
                var (_, heldOut) = TitleSplit.Split(OnetTsvReader.ReadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile)));
                OnetTsvReader.WriteAlternateTitles(splitPath, heldOut);
                Console.WriteLine($"split: test={heldOut.Count} file={splitPath}");
                return 0;
            }
            if (parseResult.GetValue(encoderEpochs) < 0) { Console.Error.WriteLine($"evaluate onet: --encoder-epochs {parseResult.GetValue(encoderEpochs)} must be 0 (none) or more"); return 2; }
            if (parseResult.GetValue(encoderShare) is not (>= 0 and <= 1) and var badShare) { Console.Error.WriteLine($"evaluate onet: --encoder-share {badShare} must be between 0 and 1"); return 2; }
            if (parseResult.GetValue(encoderEpochs) > 0 && encoderSettings.Name(parseResult) != TextEncoderCatalog.UseLite)
            {
                Console.Error.WriteLine($"evaluate onet: --encoder-epochs {parseResult.GetValue(encoderEpochs)} fine-tunes USE-Lite and needs --encoder use-lite (got {encoderSettings.Name(parseResult)})");
                return 2;
            }

            using var encoder = CachedEncoder(encoderSettings.Create(parseResult, Log), encoderSettings.Name(parseResult));
            var options = new OnetClassifierOptions(FineTuneHead: !parseResult.GetValue(noHead), ClassifierEpochs: parseResult.GetValue(epochs),
                ClassifierLearningRate: parseResult.GetValue(rate), ClassifierHidden: parseResult.GetValue(hidden),
                ClassifierSocGroups: parseResult.GetValue(groups), AugmentTitles: !parseResult.GetValue(noAugment),
                Rerank: !parseResult.GetValue(noRerank), ClassifierSeeds: parseResult.GetValue(seeds), RerankFolds: parseResult.GetValue(folds),
                Reranker: new RerankerOptions(Candidates: parseResult.GetValue(candidates)),
                Contrastive: new ContrastiveOptions(Epochs: parseResult.GetValue(headEpochs)),
                EncoderClassifier: OnetClassifierDefaults.Encoder(parseResult.GetValue(encoderEpochs)), EncoderClassifierShare: parseResult.GetValue(encoderShare),
                HeadTitlePairs: parseResult.GetValue(headTitlePairs));
            if (parseResult.GetValue(developmentOnly))
            {
                var occupations = OnetTsvReader.ReadOccupations(Path.Combine(onetDir, OnetEvaluation.OccupationFile));
                var all = OnetTsvReader.ReadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile));
                var (train, heldOut) = TitleSplit.Split(all);
                var tuning = OnetFusionTuning.Tune(occupations, TitleSplit.ExcludeTitles(train, heldOut), encoder, options, progress: Log,
                    heldOutTitles: heldOut.Select(t => t.Title));
                if (parseResult.GetValue(predictions) is { } predictionsPath)
                {
                    var titles = tuning.DevelopmentTitles;
                    var ranked = tuning.Classifier.Classify(titles.Select(t => t.Title).ToArray(), 5);
                    File.WriteAllLines(predictionsPath, titles.Select((t, i) => $"{t.Code}\t{t.Title}\t{string.Join('\t', ranked[i].Select(p => $"{p.Code}|{p.Title}|{p.Score:F3}"))}"));
                }
                if (parseResult.GetValue(writeLists) is { } listsPath && tuning.DevelopmentLists is { } devLists)
                {
                    RerankListFile.Write(listsPath, RerankFeatures.Count, tuning.FoldLists ?? [], devLists);
                    Log($"wrote {tuning.FoldLists?.Count ?? 0} fold lists and {devLists.Count} development lists to {listsPath}");
                }
                if (tuning.Reranker is not null) Console.WriteLine($"development, fused order: {tuning.Fused} weights: {tuning.Weights}");
                Console.WriteLine($"development: {tuning.Development} weights: {tuning.Weights}{(tuning.Reranker is null ? "" : options.RerankFolds > 0 ? " reranked (reranker from the fold lists only)" : " reranked (2-fold cross-fitted)")}");
                return 0;
            }
            var (result, _) = OnetEvaluation.Run(onetDir, parseResult.GetValue(test), encoder, options, Log, parseResult.GetValue(tune));
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
        var head = new Option<string?>("--head") { Description = "Fine-tuned projection head file" };
        var max = new Option<int>("--max-titles") { Description = "Use at most this many titles", DefaultValueFactory = _ => int.MaxValue };
        var split = new Option<string>("--split") { Description = "Titles scored: all, train (what jobrec finetune trains on) or held-out (20%, never trained on)", DefaultValueFactory = _ => "all" };
        split.AcceptOnlyFromAmong("all", "train", "held-out");
        var encoderSettings = new EncoderOptionSet(TextEncoderCatalog.Default);
        var command = new Command("esco-titles", "Title normalisation to ESCO occupations (JobBERT set): MAP@10, MRR, R@1/5/10");
        foreach (var o in new Option[] { titles, esco, head, max, split }) command.Options.Add(o);
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            using var cached = CachedEncoder(encoderSettings.Create(parseResult, Log), encoderSettings.Name(parseResult));
            ITextEncoder encoder = parseResult.GetValue(head) is { } headPath ? new ProjectedTextEncoder(cached, ProjectionHead.Load(headPath)) : cached;
            var scores = EscoTitleEvaluation.Run(parseResult.GetValue(titles)!, parseResult.GetValue(esco)!, encoder, parseResult.GetValue(max), Log,
                parseResult.GetValue(split) switch { "train" => EscoTitleSplit.Train, "held-out" => EscoTitleSplit.HeldOut, _ => EscoTitleSplit.All });
            Console.WriteLine(EscoTitleEvaluation.Summary(scores));
            return 0;
        });
        return command;
    }

    private static Command BenchTextCommand()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder: alternate titles and descriptions are the benchmark texts", DefaultValueFactory = _ => Path.Combine(SharedData, "onet") };
        var encoders = new Option<string>("--encoders") { Description = $"Comma-separated encoders to measure ({string.Join(", ", TextEncoderCatalog.Names)})", DefaultValueFactory = _ => "minilm,arctic-xs,use-lite" };
        var titles = new Option<int>("--titles") { Description = "Job titles to encode", DefaultValueFactory = _ => 2000 };
        var descriptions = new Option<int>("--descriptions") { Description = "Descriptions of 256 WordPiece tokens to encode", DefaultValueFactory = _ => 100 };
        var skipVectors = new Option<bool>("--skip-vectors") { Description = "Measure the encoders only, not the FAISS index" };
        var n = new Option<int>("--n") { Description = "Vectors in the FAISS benchmark", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Queries in the FAISS benchmark", DefaultValueFactory = _ => 1000 };
        var distribution = new Option<VectorDistribution>("--distribution") { Description = "clustered (1,000 centroids + noise: the shape of sentence embeddings) or uniform random unit vectors", DefaultValueFactory = _ => VectorDistribution.Clustered };
        var m = new Option<int>("--m") { Description = "HNSW neighbours per node", DefaultValueFactory = _ => 16 };
        var efConstruction = new Option<int>("--ef-construction") { Description = "HNSW build breadth", DefaultValueFactory = _ => 40 };
        var efSearch = new Option<int>("--ef-search") { Description = "HNSW search breadth tried first; doubled until 200 separate tuning queries reach recall@10 0.95", DefaultValueFactory = _ => 16 };
        var threads = new Option<int>("--threads") { Description = "FAISS OpenMP threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var budget = new Option<double>("--max-build-seconds") { Description = "Stop adding to the HNSW graph after this many seconds (exact and flat then use the same vectors; 0: no limit)", DefaultValueFactory = _ => 900 };
        var encoderSettings = new EncoderOptionSet(TextEncoderCatalog.Default);
        var command = new Command("text", "Encoder throughput per encoder (titles/s, 256-token descriptions/s), then FAISS HNSW recall@10/qps vs flat at the first encoder's dimension");
        foreach (var o in new Option[] { onet, encoders, titles, descriptions, skipVectors, n, queries, distribution, m, efConstruction, efSearch, threads, budget,
            encoderSettings.Threads, encoderSettings.Batch, encoderSettings.Execution }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var names = parseResult.GetValue(encoders)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.Where(x => !TextEncoderCatalog.Names.Contains(x)).ToArray();
            if (names.Length == 0 || unknown.Length > 0)
            {
                Console.Error.WriteLine($"bench text: --encoders '{parseResult.GetValue(encoders)}': use some of {string.Join(", ", TextEncoderCatalog.Names)}");
                return 2;
            }
            var onetDir = parseResult.GetValue(onet)!;
            var titleTexts = OnetTsvReader.ReadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile))
                .Select(t => t.Title).Take(parseResult.GetValue(titles)).ToArray();
            var occupations = OnetTsvReader.ReadOccupations(Path.Combine(onetDir, OnetEvaluation.OccupationFile));
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
