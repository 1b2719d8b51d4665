using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JobRec.Data.Reading;
using JobRec.Data.Synthetic;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Reports;
using JobRec.Evaluation.Splits;
using JobRec.Evaluation.Training;
using JobRec.ML.Models;
using JobRec.ML.Text;
using JobRec.Silo.Models;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the model lifecycle: <c>jobrec train recommender</c> (a new version in the model store), <c>jobrec models list|activate|add</c>.
/// The store is a folder (<c>--store</c>, default .jobrec/models: what an embedded silo with the default state folder reads) or the cluster's
/// PostgreSQL (<c>--cluster [conn]</c>, default JOBREC_PG).</summary>
internal static class ModelCommands
{
    /// <summary>Adds <c>train</c> and <c>models</c> under <paramref name="root"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        var train = new Command("train", "Train a model and store it as a new version in the model store (silos swap to it once activated)");
        train.Subcommands.Add(TrainRecommenderCommand());
        foreach (var command in TrainModelCommands.Commands(StoreOptions, OpenStore))
        {
            train.Subcommands.Add(command);
        }

        root.Subcommands.Add(train);
        var models = new Command("models", "List, activate and add versions of the models silos serve (recommender, onet, qa, skills)");
        models.Subcommands.Add(ListCommand());
        models.Subcommands.Add(ActivateCommand());
        models.Subcommands.Add(AddCommand());
        root.Subcommands.Add(models);
    }

    private static (Option<string> Store, Option<string?> Cluster) StoreOptions() =>
    (
        new Option<string>("--store") { Description = "Model store folder (embedded silos read <state dir>/models)", DefaultValueFactory = _ => Path.Combine(".jobrec", "models") },
        new Option<string?>("--cluster") { Description = "Use the cluster's model store in PostgreSQL on this connection string (no value: $JOBREC_PG)", Arity = ArgumentArity.ZeroOrOne }
    );

    private static IModelStore OpenStore(ParseResult parseResult, Option<string> store, Option<string?> cluster)
    {
        if (parseResult.GetResult(cluster) is null)
        {
            return new FolderModelStore(parseResult.GetValue(store)!);
        }

        var connection = parseResult.GetValue(cluster) is { Length: > 0 } given ? given : HostSettings.Read("JOBREC_PG");
        return connection is null
            ? throw new ArgumentException("--cluster needs a PostgreSQL connection string, as its value or in JOBREC_PG")
            : new PostgresModelStore(connection);
    }

    private static Command TrainRecommenderCommand()
    {
        var train = new Option<string?>("--train") { Description = "Views CSV (Job_Views.csv columns): each user's last view is held out to measure the model" };
        var profiles = new Option<string?>("--profiles") { Description = "Folder with Experience.csv / Positions_Of_Interest.csv (user profiles)" };
        var synthetic = new Option<bool>("--synthetic") { Description = "Train on the synthetic market's train period (its future period measures the model)" };
        var syntheticUsers = new Option<int>("--synthetic-users") { Description = "Users of the synthetic market", DefaultValueFactory = _ => 5_000 };
        var syntheticJobs = new Option<int>("--synthetic-jobs") { Description = "Jobs of the synthetic market", DefaultValueFactory = _ => 20_000 };
        var seed = CliOptions.Seed(42, "Seed of the market and of training");
        var encoderName = new Option<string>("--encoder") { Description = "Text encoder of the text features: silos must serve with the same (jobrec silo --encoder)", DefaultValueFactory = _ => TextEncoderCatalog.Hashed };
        encoderName.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        var epochs = new Option<int>("--fm-epochs") { Description = "Factorization machine epochs", DefaultValueFactory = _ => 10 };
        var maxTestUsers = new Option<int>("--max-test-users") { Description = "Most held-out users the model and baselines are judged on (0: all)", DefaultValueFactory = _ => 2_000 };
        var noActivate = new Option<bool>("--no-activate") { Description = "Store the new version without activating it" };
        var noTitleCity = new Option<bool>("--no-title-city") { Description = "Train without the title and city features (the ablation; they lift real logs, not the synthetic market)" };
        var output = new Option<string?>("--out") { Description = "Also write the evaluation's report.md, map_at_k.svg and results.json here" };
        var (store, cluster) = StoreOptions();
        var command = new Command("recommender", "Train the factorization machine re-ranker, measure it against popularity, popularity-in-region, item-kNN and content-based on held-out interactions, and store it as a new version");
        foreach (var o in new Option[] { train, profiles, synthetic, syntheticUsers, syntheticJobs, seed, encoderName, epochs, maxTestUsers, noActivate, noTitleCity, output, store, cluster })
        {
            command.Options.Add(o);
        }

        command.RequireEither(train, synthetic, "<views.csv> (Job_Views.csv columns)");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var log = Console.Error;
                EvaluationSplit split;
                string data;
                if (parseResult.GetValue(synthetic))
                {
                    var market = new SyntheticMarketOptions { Users = parseResult.GetValue(syntheticUsers), Jobs = parseResult.GetValue(syntheticJobs), Seed = (ulong)parseResult.GetValue(seed) };
                    split = SyntheticCorpusLoader.Split(market);
                    data = $"synthetic market {market.Jobs} jobs/{market.Users} users seed {market.Seed}";
                }
                else if (parseResult.GetValue(train) is { } path)
                {
                    var report = new ReadReport();
                    var corpus = JobViewsCorpusLoader.Load(path, parseResult.GetValue(profiles), report);
                    split = new LeaveLastOutSplitter().Split(corpus);
                    data = $"{Path.GetFileName(path)}: {corpus.Interactions.Count} interactions, {corpus.Users.Count} users, {corpus.Jobs.Count} jobs ({report.Rejected} rows rejected)";
                }
                else
                {
                    throw new UnreachableException("the command validator requires --train or --synthetic");
                }

                if (parseResult.GetValue(maxTestUsers) is > 0 and var most && split.Tests.Count > most)
                {
                    split = split with { Tests = [.. split.Tests.Take(most)] };
                }

                var name = parseResult.GetValue(encoderName)!;
                var encoder = TextEncoderCatalog.Create(name, log: log.WriteLine);
                log.WriteLine($"train recommender: {data}; {split.Train.Count} train interactions, {split.Tests.Count} held-out users");
                var trained = RecommenderTraining.Train(split, encoder, name, data, parseResult.GetValue(epochs), parseResult.GetValue(seed), log,
                    titleCityFeatures: !parseResult.GetValue(noTitleCity));
                Console.WriteLine(RecommendationReport.Markdown(trained.Evaluation));
                Console.WriteLine(RecommendationReport.SummaryLine(trained.Evaluation));
                if (parseResult.GetValue(output) is { } folder)
                {
                    foreach (var file in RecommendationReport.WriteAll(trained.Evaluation, folder))
                    {
                        log.WriteLine($"wrote {file}");
                    }
                }

                var modelStore = OpenStore(parseResult, store, cluster);
                var stored = await modelStore.AddAsync(trained.Metadata, trained.Payload, cancellationToken);
                if (!parseResult.GetValue(noActivate))
                {
                    await modelStore.ActivateAsync(stored.Name, stored.Version, cancellationToken);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"train: stored {stored.Name} v{stored.Version} ({stored.Kind}) in {modelStore.Description}{(parseResult.GetValue(noActivate) ? "" : ", active")} map10={stored.Metrics.GetValueOrDefault("map@10"):0.0000} best_baseline_map10={stored.Metrics.GetValueOrDefault("best_baseline_map@10"):0.0000}"));
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or Npgsql.NpgsqlException)
            {
                Console.Error.WriteLine($"train recommender: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command ListCommand()
    {
        var name = new Argument<string?>("name") { Description = "Only this model (recommender, onet, qa, skills)", Arity = ArgumentArity.ZeroOrOne };
        var (store, cluster) = StoreOptions();
        var command = new Command("list", "Stored versions: name, version, kind, created, active, key metrics, training data");
        command.Arguments.Add(name);
        command.Options.Add(store);
        command.Options.Add(cluster);
        command.SetAction(async (parseResult, cancellationToken) => await Guarded("models list", async () =>
        {
            var modelStore = OpenStore(parseResult, store, cluster);
            var only = parseResult.GetValue(name) is { } n ? ModelNames.Check(n) : null;
            var active = await modelStore.ActiveVersionsAsync(cancellationToken);
            var all = await modelStore.ListAsync(only, cancellationToken);
            Console.WriteLine($"models in {modelStore.Description}:");
            Console.WriteLine("| name | version | kind | created (UTC) | active | metrics | encoder | training data |");
            Console.WriteLine("| --- | ---: | --- | --- | --- | --- | --- | --- |");
            foreach (var m in all)
            {
                var metrics = string.Join(", ", m.Metrics.Take(4).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:0.####}")));
                var isActive = active.TryGetValue(m.Name, out var v) && v == m.Version ? "yes" : "";
                var encoder = m.Encoder is null ? "" : $"{m.Encoder} ({m.EncoderDimension}-d)";
                Console.WriteLine($"| {m.Name} | {m.Version} | {m.Kind} | {m.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} | {isActive} | {metrics} | {encoder} | {m.TrainingData} |");
            }

            return 0;
        }));
        return command;
    }

    private static Command ActivateCommand()
    {
        var name = new Argument<string>("name") { Description = "recommender, onet, qa or skills" };
        var version = new Argument<int>("version") { Description = "Stored version to serve" };
        var (store, cluster) = StoreOptions();
        var command = new Command("activate", "Make a stored version the active one: silos swap to it within their poll interval (2 s), without a restart");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        command.Options.Add(store);
        command.Options.Add(cluster);
        command.SetAction(async (parseResult, cancellationToken) => await Guarded("models activate", async () =>
        {
            var modelStore = OpenStore(parseResult, store, cluster);
            var n = ModelNames.Check(parseResult.GetValue(name)!);
            await modelStore.ActivateAsync(n, parseResult.GetValue(version), cancellationToken);
            Console.WriteLine($"models: {n} v{parseResult.GetValue(version)} is active in {modelStore.Description}");
            return 0;
        }));
        return command;
    }

    private static Command AddCommand()
    {
        var name = new Argument<string>("name") { Description = "onet, qa or skills" };
        var file = new Argument<string>("file") { Description = "The trainer's model file: jobrec onet train --model, the QA checkpoint (.jrlm) of jobrec evaluate qa, the skill tagger (.jrst) of jobrec evaluate skills" };
        var encoder = new Option<string?>("--encoder") { Description = "Encoder the model was trained with (onet: minilm unless trained otherwise; skills: the tagger's encoder)" };
        var data = new Option<string>("--training-data") { Description = "One line on what it was trained on", DefaultValueFactory = _ => "" };
        var activate = new Option<bool>("--activate") { Description = "Also activate the new version" };
        var (store, cluster) = StoreOptions();
        var command = new Command("add", "Store a model file made by an existing trainer as the next version of onet, qa or skills");
        command.Arguments.Add(name);
        command.Arguments.Add(file);
        foreach (var o in new Option[] { encoder, data, activate, store, cluster })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) => await Guarded("models add", async () =>
        {
            var n = ModelNames.Check(parseResult.GetValue(name)!);
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"no model file at '{path}'", path);
            }

            var kind = n switch
            {
                ModelNames.Onet => ModelNames.OnetKind,
                ModelNames.Qa => ModelNames.QaKind,
                ModelNames.Skills => ModelNames.SkillsKind,
                _ => throw new ArgumentException($"{n} models are made by jobrec train {n}, not added from a file"),
            };
            if (n == ModelNames.Onet && JobRec.ML.Onet.OnetModelFile.FormatVersion(path) is null)
            {
                throw new InvalidDataException($"{path} is not an O*NET model file (jobrec onet train --model)");
            }

            if (n == ModelNames.Qa)
            {
                _ = JobRec.ML.Language.Model.LanguageModelCheckpoint.Load(path); // throws a one-line InvalidDataException when it is not a checkpoint
            }

            var encoderName = parseResult.GetValue(encoder) ?? (n == ModelNames.Onet ? OnetClassifierDefaults.EncoderName : null);
            var dimension = encoderName is null ? 0 : TextEncoderCatalog.Create(encoderName, log: Console.Error.WriteLine).Dimension;
            var modelStore = OpenStore(parseResult, store, cluster);
            var stored = await modelStore.AddAsync(new ModelMetadata
            {
                Name = n,
                Kind = kind,
                TrainingData = parseResult.GetValue(data) is { Length: > 0 } d ? d : $"from {Path.GetFileName(path)}",
                Encoder = encoderName,
                EncoderDimension = dimension,
                CreatedAt = File.GetLastWriteTimeUtc(path),
            }, await File.ReadAllBytesAsync(path, cancellationToken), cancellationToken);
            if (parseResult.GetValue(activate))
            {
                await modelStore.ActivateAsync(stored.Name, stored.Version, cancellationToken);
            }

            Console.WriteLine($"models: stored {stored.Name} v{stored.Version} ({stored.Kind}) in {modelStore.Description}{(parseResult.GetValue(activate) ? ", active" : "")}");
            return 0;
        }));
        return command;
    }

    private static async Task<int> Guarded(string what, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FileNotFoundException or InvalidDataException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"{what}: {e.Message.Split('\n')[0]}");
            return 2;
        }
    }
}
