using System.CommandLine;
using JobRec.Grains.Hosting;
using JobRec.Grains.Indexing;
using JobRec.Grains.Inference;
using JobRec.Grains.Occupations;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.Silo.Benchmarks;
using JobRec.Silo.Demo;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the serving concern: <c>jobrec demo</c>, <c>jobrec serve</c>, <c>jobrec bench serve</c>, <c>jobrec bench ingest</c>.</summary>
internal static class ServeCommands
{
    /// <summary>Adds demo and serve under <paramref name="root"/>, serve and ingest under <paramref name="bench"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        root.Subcommands.Add(DemoCommand());
        root.Subcommands.Add(ServeCommand());
        bench.Subcommands.Add(BenchCommand());
        bench.Subcommands.Add(IngestBenchCommand.Create());
    }

    private static Command DemoCommand()
    {
        var jobs = new Option<int>("--jobs") { Description = "Synthetic jobs", DefaultValueFactory = _ => 20_000 };
        var users = new Option<int>("--users") { Description = "Synthetic users", DefaultValueFactory = _ => 5_000 };
        var seed = CliOptions.Seed(42, "Synthetic market seed");
        var data = new Option<string?>("--data") { Description = "Folder of real files instead of the synthetic market" };
        var source = new Option<string?>("--source") { Description = "Source format of --data (linkedin2024, jobviews, ...)" };
        var dir = CliOptions.StateDirectory();
        var encoder = new Option<string>("--encoder") { Description = "hashed (fast lexical), use-lite (USE-Lite 512-d), minilm or arctic-xs (pretrained, 384-d, ONNX Runtime)", DefaultValueFactory = _ => "hashed" };
        encoder.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        var epochs = new Option<int>("--fm-epochs") { Description = "Factorization machine epochs", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var evalUsers = new Option<int>("--eval-users") { Description = "Most held-out users evaluated", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var url = CliOptions.Url("http://127.0.0.1:5080", "Where the API and page listen");
        var onet = new Option<string?>("--onet") { Description = "O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv): train the occupation classifier that labels jobs arriving without a code (default: JOBREC_ONET_DIR, else none)" };
        var onetMaxTitles = new Option<int?>("--onet-max-titles") { Description = "Most O*NET alternate titles the classifier trains on (0 = all; default JOBREC_ONET_MAX_TITLES, else all)" };
        onetMaxTitles.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 and var n) result.AddError($"--onet-max-titles {n} must be 0 (all) or more");
        });
        var onetRerank = new Option<bool>("--onet-rerank") { Description = "Train the O*NET classifier with its re-ranker (about 5x the training time, on the first run only: the model is saved under <dir>/models and reused)" };
        var onetModel = new Option<string?>("--onet-model") { Description = "Load this saved O*NET model (jobrec onet train) instead of training one; it must have been trained with the demo's --encoder" };
        var noServe = new Option<bool>("--no-serve") { Description = "Exit after the evaluation" };
        var demoApiKey = new Option<string?>("--api-key") { Description = "Require this X-Api-Key on API calls (operator scope; default JOBREC_API_KEY); JOBREC_USER_TOKEN_KEY adds per-user bearer tokens (jobrec user-token)" };
        var demoShardIndex = ShardIndexOption();
        var command = new Command("demo", "The main job: embedded silo (SQLite under ./.jobrec), data into grains, train, index, evaluate (MAP@K table), serve on http://127.0.0.1:5080");
        foreach (var o in new Option[] { jobs, users, seed, data, source, dir, encoder, epochs, evalUsers, url, onet, onetMaxTitles, onetRerank, onetModel, demoShardIndex, noServe, demoApiKey })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await DemoRunner.RunAsync(new DemoOptions
                {
                    Jobs = parseResult.GetValue(jobs),
                    Users = parseResult.GetValue(users),
                    Seed = (ulong)parseResult.GetValue(seed),
                    Data = parseResult.GetValue(data),
                    Source = parseResult.GetValue(source),
                    DataDirectory = parseResult.GetValue(dir)!,
                    Encoder = parseResult.GetValue(encoder)!,
                    FmEpochs = parseResult.GetValue(epochs),
                    EvaluationUsers = parseResult.GetValue(evalUsers),
                    Url = parseResult.GetValue(url)!,
                    OnetDirectory = parseResult.GetValue(onet) ?? HostSettings.Read(OnetClassifierConfiguration.DirectoryVariable),
                    OnetMaxTitles = parseResult.GetValue(onetMaxTitles) ?? HostSettings.ReadCount(OnetClassifierConfiguration.MaxTitlesVariable),
                    OnetRerank = parseResult.GetValue(onetRerank),
                    OnetModel = parseResult.GetValue(onetModel) ?? HostSettings.Read(OnetClassifierConfiguration.ModelVariable),
                    QaCheckpointPath = HostSettings.Read(QaCheckpointLocation.EnvironmentVariable),
                    ShardIndex = demoShardIndex.Get(parseResult),
                    NoServe = parseResult.GetValue(noServe),
                    ApiKey = parseResult.GetValue(demoApiKey) ?? HostSettings.Read("JOBREC_API_KEY"),
                    UserTokens = ClusterSecuritySettings.UserTokens,
                }, Console.Out, Console.Error, cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or FileNotFoundException or ModelNotFoundException
                                          or InvalidDataException or JobRec.ML.Onet.OnetModelEncoderMismatchException)
            {
                Console.Error.WriteLine($"demo: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command ServeCommand()
    {
        var dir = CliOptions.StateDirectory();
        var url = CliOptions.Url("http://127.0.0.1:5080", "Where the API and page listen");
        var gateway = new Option<int>("--gateway-port") { Description = "Client SDK gateway port (0: none)", DefaultValueFactory = _ => 30000 };
        var apiKey = new Option<string?>("--api-key") { Description = "Require this X-Api-Key on API calls" };
        var encoder = new Option<string>("--encoder") { Description = "hashed, use-lite, minilm or arctic-xs (must match how the data was imported)", DefaultValueFactory = _ => "use-lite" };
        encoder.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        var command = new Command("serve", "Run an embedded silo with the HTTP API, page and client gateway on stored state");
        foreach (var o in new Option[] { dir, url, gateway, apiKey, encoder })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ITextEncoder textEncoder = parseResult.GetValue(encoder) == "hashed"
                ? HashedEncoderFile.LoadOrCreate(parseResult.GetValue(dir)!, () => [])
                : TextEncoderCatalog.Create(parseResult.GetValue(encoder)!, log: Console.Error.WriteLine);
            var qaCheckpoint = QaCheckpointLocation.Resolve(HostSettings.Read(QaCheckpointLocation.EnvironmentVariable));
            Console.Error.WriteLine(qaCheckpoint is null ? "ask: no QA checkpoint (JOBREC_QA_CHECKPOINT or the cache), answers are extractive" : $"ask: QA language model {qaCheckpoint}");
            await using var app = ServingHost.Build(new ServingHostOptions
            {
                DataDirectory = parseResult.GetValue(dir)!,
                HttpUrl = parseResult.GetValue(url)!,
                GatewayPort = parseResult.GetValue(gateway),
                ApiKey = parseResult.GetValue(apiKey) ?? HostSettings.Read("JOBREC_API_KEY"),
                UserTokens = ClusterSecuritySettings.UserTokens,
                OperatorKey = ClusterSecuritySettings.OperatorKey,
                Tls = ClusterSecuritySettings.Tls,
                Encoder = textEncoder,
                Classifier = OnetClassifierConfiguration.From(HostSettings.Read),
                Serving = SkillExtractionConfiguration.Apply(new ServingOptions { QaCheckpointPath = qaCheckpoint, EncoderName = parseResult.GetValue(encoder), ModelLog = line => Console.Error.WriteLine($"serve: {line}") }, HostSettings.Read),
                Skills = SkillExtractionConfiguration.From(HostSettings.Read, Console.Error.WriteLine),
            });
            return await HostLifetime.ServeUntilCancelledAsync(app, () => $"serving on {parseResult.GetValue(url)}; Ctrl+C stops", cancellationToken);
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var jobs = new Option<int>("--jobs") { Description = "Synthetic jobs", DefaultValueFactory = _ => 100_000 }.AtLeast(1);
        var users = new Option<int>("--users") { Description = "Synthetic users", DefaultValueFactory = _ => 20_000 }.AtLeast(1);
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var seconds = CliOptions.Seconds(30, "Measured seconds");
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring (JIT tiering)", DefaultValueFactory = _ => 10 }.AtLeast(0);
        var cached = new Option<bool>("--cached") { Description = "Let recommendations come from the user grains' caches and record an interaction in 1 of 10 calls (default: every recommend is computed)" };
        var shardIndex = ShardIndexOption();
        var shards = new Option<int>("--shards") { Description = "Index shards the jobs are spread over", DefaultValueFactory = _ => new JobRec.Grains.Hosting.ServingOptions().ShardCount }.Within(1, 256);
        var allocations = new Option<bool>("--allocations") { Description = "Also print which types the measured calls allocated most (sampled from the runtime's allocation events)" };
        var maxConcurrent = new Option<int>("--max-concurrent")
        {
            Description = "Recommends and searches the silo computes at once (the rest queue in arrival order)",
            DefaultValueFactory = _ => new JobRec.Grains.Hosting.ServingOptions().MaxConcurrentRequests,
        }.AtLeast(1);
        var dimension = new Option<int>("--dimension") { Description = "Width of the hashed lexical embeddings (384, as the pretrained encoders)", DefaultValueFactory = _ => 384 }.Within(8, 4096);
        var memoryState = new Option<bool>("--memory-state") { Description = "Keep grain state and shard entries in process memory instead of SQLite and shard logs in a temporary folder (the default, as jobrec serve stores them)" };
        var command = new Command("serve", "Recommend (top-20) and search latency on an embedded silo");
        foreach (var o in new Option[] { jobs, users, concurrency, seconds, warmup, cached, shardIndex, shards, allocations, maxConcurrent, dimension, memoryState })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var line = await ServeBenchmark.RunAsync(parseResult.GetValue(jobs), parseResult.GetValue(users), parseResult.GetValue(concurrency),
                parseResult.GetValue(seconds), parseResult.GetValue(warmup), parseResult.GetValue(cached),
                shardIndex.Get(parseResult), parseResult.GetValue(shards), Console.Error, cancellationToken,
                parseResult.GetValue(allocations), parseResult.GetValue(maxConcurrent), parseResult.GetValue(dimension), parseResult.GetValue(memoryState));
            Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    private static ChoiceOption<ShardIndexKind> ShardIndexOption() =>
        new("--shard-index", "Vector index of the shards: ivf (inverted file), exact, faiss-flat", "ivf",
            ("ivf", ShardIndexKind.InvertedFile), ("exact", ShardIndexKind.Exact), ("faiss-flat", ShardIndexKind.FaissFlat));
}
