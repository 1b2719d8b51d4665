using System.CommandLine;
using System.Diagnostics;
using JobRec.Data.Reading;
using JobRec.Data.Synthetic;
using JobRec.Evaluation.Benchmarks;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Reports;
using JobRec.Evaluation.Runner;
using JobRec.Evaluation.Splits;
using JobRec.Evaluation.Tuning;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.Vectors.Exact;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the recommender concern: <c>jobrec evaluate recommend</c> and <c>jobrec bench recommend</c>.</summary>
internal static class RecommendCommands
{
    /// <summary>Adds <c>evaluate recommend</c> and <c>bench recommend</c>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        evaluate.Subcommands.Add(EvaluateCommand());
        bench.Subcommands.Add(BenchCommand());
    }

    private static Command EvaluateCommand()
    {
        var train = new Option<string?>("--train") { Description = "Views CSV (Job_Views.csv columns) to train on (and split, without --test)" };
        var test = new Option<string?>("--test") { Description = "Views CSV to evaluate on; then all of --train trains" };
        var profiles = new Option<string?>("--profiles") { Description = "Folder with Experience.csv / Positions_Of_Interest.csv (user profiles)" };
        var split = new ChoiceOption<SplitKind>("--split", "How --train is split when no --test is given: each user's last view held out, a time cut, or unseen users", "leave-last-out",
            ("leave-last-out", SplitKind.LeaveLastOut), ("temporal", SplitKind.Temporal), ("cold", SplitKind.Cold));
        var ks = new Option<string>("--cutoffs") { Description = "Cut-offs K of the MAP@K/Recall@K/NDCG@K table, comma-separated", DefaultValueFactory = _ => "5,10,25" };
        ks.Validators.Add(result =>
        {
            try { ParseCutoffs(result.GetValueOrDefault<string>() ?? ""); }
            catch (ArgumentException e) { result.AddError(e.Message); }
        });
        var synthetic = new Option<bool>("--synthetic") { Description = "Evaluate on the generated synthetic market instead of files" };
        var seed = CliOptions.Seed(1);
        var output = new Option<string>("--out") { Description = "Folder for report.md, map_at_k.svg, results.json", DefaultValueFactory = _ => "out/evaluate-recommend" };
        var encoderName = new Option<string>("--encoder") { Description = "Text encoder: hashed (lexical) | use-lite (USE-Lite 512-d) | minilm | arctic-xs (pretrained, 384-d, ONNX Runtime)", DefaultValueFactory = _ => "hashed" };
        encoderName.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        var models = new Option<string>("--models") { Description = "Comma-separated subset of models (default: all)", DefaultValueFactory = _ => "" };
        var fmEpochs = new Option<int>("--fm-epochs") { Description = "Factorization machine training epochs (without --tune)", DefaultValueFactory = _ => 30 }.AtLeast(1);
        var tune = new Option<bool>("--tune") { Description = "Choose the FM, city-title and hybrid settings on a validation split carved from the training data, then evaluate on the test split once" };
        var syntheticUsers = new Option<int>("--synthetic-users") { Description = "Users of the synthetic market", DefaultValueFactory = _ => 3_000 }.AtLeast(1);
        var syntheticJobs = new Option<int>("--synthetic-jobs") { Description = "Jobs of the synthetic market", DefaultValueFactory = _ => 8_000 }.AtLeast(1);

        var command = new Command("recommend", "Offline evaluation of the recommenders against the baselines: MAP@K, Recall@K, NDCG@K table, MAP@K plot, JSON");
        foreach (var option in new Option[] { train, test, profiles, split, ks, synthetic, syntheticUsers, syntheticJobs, seed, output, encoderName, models, fmEpochs, tune })
            command.Options.Add(option);
        command.RequireEither(train, synthetic, "<views.csv> (Job_Views.csv columns)");

        command.SetAction(parseResult =>
        {
            var log = Console.Error;
            var clock = Stopwatch.StartNew();
            int seedValue = parseResult.GetValue(seed);
            var cutoffs = ParseCutoffs(parseResult.GetValue(ks)!);
            var trainPath = parseResult.GetValue(train);
            var testPath = parseResult.GetValue(test);
            var profilesPath = parseResult.GetValue(profiles);
            EvaluationSplit evaluationSplit;
            var report = new ReadReport();
            if (parseResult.GetValue(synthetic))
            {
                evaluationSplit = SyntheticCorpusLoader.Split(new SyntheticMarketOptions
                {
                    Users = parseResult.GetValue(syntheticUsers),
                    Jobs = parseResult.GetValue(syntheticJobs),
                    Seed = (ulong)seedValue,
                });
                log.WriteLine($"generated {evaluationSplit.Corpus.Description}: {evaluationSplit.Train.Count} train interactions, {evaluationSplit.Tests.Count} users with future interactions ({clock.Elapsed.TotalSeconds:F1}s)");
            }
            else
            {
                var trainCorpus = JobViewsCorpusLoader.Load(trainPath!, profilesPath, report);
                if (testPath is not null)
                {
                    var testCorpus = JobViewsCorpusLoader.Load(testPath, null, report);
                    evaluationSplit = GivenTestSplitter.Split(trainCorpus, testCorpus);
                }
                else
                {
                    evaluationSplit = split.Get(parseResult) switch
                    {
                        SplitKind.LeaveLastOut => new LeaveLastOutSplitter().Split(trainCorpus),
                        SplitKind.Temporal => new TemporalSplitter().Split(trainCorpus),
                        SplitKind.Cold => new ColdStartSplitter(seed: seedValue).Split(trainCorpus),
                        var other => throw new UnreachableException($"--split {other}"),
                    };
                }
                log.WriteLine($"read {report.Read} rows ({report.Rejected} rejected) in {clock.Elapsed.TotalSeconds:F1}s; {trainCorpus.Interactions.Count} interactions, {trainCorpus.Jobs.Count} jobs, {trainCorpus.Users.Count} users");
                foreach (var issue in report.Issues.Take(5)) log.WriteLine($"  rejected {issue}");
            }

            ITextEncoder encoder = parseResult.GetValue(encoderName)! switch
            {
                "hashed" => new HashedTextEncoder().WithIdf(evaluationSplit.Corpus.Jobs.Values.Select(j => RecommenderDatasetFactory.JobContentOf(j).Text)),
                // Pretrained encoders are slow on CPU: their vectors are cached on disk, so only the first run encodes.
                var other => TextEncoderCatalog.CreateCached(other, log: log.WriteLine),
            };
            var cachedEncoder = new MemoryCachedTextEncoder(encoder);
            var settings = StandardModels.Untuned(seedValue) with { Fm = StandardModels.FmOptions(seedValue) with { Epochs = parseResult.GetValue(fmEpochs) } };
            string tuning = "";
            if (parseResult.GetValue(tune))
                (settings, tuning) = new RecommenderTuner(log).Tune(evaluationSplit, cachedEncoder, settings, seedValue);
            var all = StandardModels.All(cachedEncoder, () => new VectorIndexJobSearch(d => new ExactInnerProductIndex(d)), settings);
            var names = parseResult.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var chosen = StandardModels.Select(all, names);

            var result = new RecommendationEvaluator(log).Evaluate(evaluationSplit, chosen, cutoffs, seedValue) with
            {
                Encoder = parseResult.GetValue(encoderName)!,
                Tuning = tuning,
            };
            var files = RecommendationReport.WriteAll(result, parseResult.GetValue(output)!);
            Console.WriteLine(RecommendationReport.Markdown(result));
            foreach (var file in files) log.WriteLine($"wrote {file}");
            log.WriteLine($"total {clock.Elapsed.TotalSeconds:F1}s");
            Console.WriteLine(RecommendationReport.SummaryLine(result));
            return 0;
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var users = new Option<int>("--users") { Description = "Users of the generated market", DefaultValueFactory = _ => 20_000 }.AtLeast(1);
        var jobs = new Option<int>("--jobs") { Description = "Jobs of the generated market", DefaultValueFactory = _ => 10_000 }.AtLeast(1);
        var pairs = new Option<int>("--pairs-per-user") { Description = "Interactions per user", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "FM training epochs", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var threads = new Option<int>("--train-threads") { Description = "FM training threads", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        var factors = new Option<int>("--factors") { Description = "FM latent factors", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var seed = CliOptions.Seed(1);
        var command = new Command("recommend", "Factorization machine training examples/s and candidate scoring/s on a generated market");
        foreach (var option in new Option[] { users, jobs, pairs, epochs, threads, factors, seed }) command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            var result = RecommenderBenchmark.Run(parseResult.GetValue(users), parseResult.GetValue(jobs), parseResult.GetValue(pairs),
                parseResult.GetValue(epochs), parseResult.GetValue(threads), parseResult.GetValue(factors), parseResult.GetValue(seed),
                line => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"));
            Console.WriteLine($"recommend_bench_detail: users={result.Users} jobs={result.Jobs} pairs={result.Pairs} threads={result.Threads} k={result.Factors} raw_score_candidates_per_s={result.RawScoreCandidatesPerSecond:F0} fm_examples_per_cpu_s={result.FmExamplesPerCpuSecond:F0} score_candidates_per_cpu_s={result.ScoreCandidatesPerCpuSecond:F0}");
            Console.WriteLine(result);
            return 0;
        });
        return command;
    }

    private static int[] ParseCutoffs(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], out result[i]) || result[i] <= 0)
                throw new ArgumentException($"--cutoffs item {i + 1} '{parts[i]}' is not a positive integer");
        return result.Length > 0 ? result : throw new ArgumentException("--cutoffs lists no cut-off");
    }

    /// <summary>How <c>evaluate recommend</c> splits one views file into train and test.</summary>
    private enum SplitKind
    {
        LeaveLastOut,
        Temporal,
        Cold,
    }
}
