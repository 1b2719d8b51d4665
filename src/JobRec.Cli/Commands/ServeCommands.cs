using System.CommandLine;
using JobRec.Client;
using JobRec.Grains.Hosting;
using JobRec.Grains.Indexing;
using JobRec.Grains.Inference;
using JobRec.Grains.Ingest;
using JobRec.Grains.Occupations;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.Silo.Benchmarks;
using JobRec.Silo.Demo;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the serving concern: <c>jobrec demo</c>, <c>jobrec serve</c>, <c>jobrec bench serve</c>, and the grain sink behind <c>jobrec ingest --target silo:HOST:PORT</c>.</summary>
internal static class ServeCommands
{
    /// <summary>Adds demo and serve under <paramref name="root"/>, serve under <paramref name="bench"/>, and routes ingest targets "silo:host:port" to a grain sink.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        root.Subcommands.Add(DemoCommand());
        root.Subcommands.Add(ServeCommand());
        bench.Subcommands.Add(BenchCommand());
        bench.Subcommands.Add(IngestBenchCommand.Create());
        var previous = DataCommands.SinkFactory;
        DataCommands.SinkFactory = target => target is not null && target.StartsWith("silo:", StringComparison.Ordinal)
            ? new ClientIngestSink(target["silo:".Length..])
            : previous(target);
    }

    private static Command DemoCommand()
    {
        var jobs = new Option<int>("--jobs") { Description = "Synthetic jobs", DefaultValueFactory = _ => 20_000 };
        var users = new Option<int>("--users") { Description = "Synthetic users", DefaultValueFactory = _ => 5_000 };
        var seed = new Option<ulong>("--seed") { Description = "Synthetic market seed", DefaultValueFactory = _ => 42 };
        var data = new Option<string?>("--data") { Description = "Folder of real files instead of the synthetic market" };
        var source = new Option<string?>("--source") { Description = "Source format of --data (linkedin2024, jobviews, ...)" };
        var dir = new Option<string>("--dir") { Description = "State folder", DefaultValueFactory = _ => ".jobrec" };
        var encoder = new Option<string>("--encoder") { Description = "hashed (fast lexical), use-lite (USE-Lite 512-d), minilm or arctic-xs (pretrained, 384-d, ONNX Runtime)", DefaultValueFactory = _ => "hashed" };
        encoder.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        var epochs = new Option<int>("--fm-epochs") { Description = "Factorization machine epochs", DefaultValueFactory = _ => 10 };
        var evalUsers = new Option<int>("--eval-users") { Description = "Most held-out users evaluated", DefaultValueFactory = _ => 1000 };
        var url = new Option<string>("--url") { Description = "Where the API and page listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var onet = new Option<string?>("--onet") { Description = "O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv): train the occupation classifier that labels jobs arriving without a code (default: JOBREC_ONET_DIR, else none)" };
        var onetMaxTitles = new Option<int?>("--onet-max-titles") { Description = "Most O*NET alternate titles the classifier trains on (0 = all; default JOBREC_ONET_MAX_TITLES, else all)" };
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
                    Seed = parseResult.GetValue(seed),
                    Data = parseResult.GetValue(data),
                    Source = parseResult.GetValue(source),
                    DataDirectory = parseResult.GetValue(dir)!,
                    Encoder = parseResult.GetValue(encoder)!,
                    FmEpochs = parseResult.GetValue(epochs),
                    EvaluationUsers = parseResult.GetValue(evalUsers),
                    Url = new Uri(parseResult.GetValue(url)!),
                    OnetDirectory = parseResult.GetValue(onet) ?? HostSettings.Read(OnetClassifierConfiguration.DirectoryVariable),
                    OnetMaxTitles = parseResult.GetValue(onetMaxTitles) ?? HostSettings.ReadCount(OnetClassifierConfiguration.MaxTitlesVariable),
                    OnetRerank = parseResult.GetValue(onetRerank),
                    OnetModel = parseResult.GetValue(onetModel) ?? HostSettings.Read(OnetClassifierConfiguration.ModelVariable),
                    QaCheckpointPath = HostSettings.Read(QaCheckpointLocation.EnvironmentVariable),
                    ShardIndex = ParseShardIndex(parseResult.GetValue(demoShardIndex)!),
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
        var dir = new Option<string>("--dir") { Description = "State folder", DefaultValueFactory = _ => ".jobrec" };
        var url = new Option<string>("--url") { Description = "Where the API and page listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
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
                HttpUrl = new Uri(parseResult.GetValue(url)!),
                GatewayPort = parseResult.GetValue(gateway),
                ApiKey = parseResult.GetValue(apiKey) ?? HostSettings.Read("JOBREC_API_KEY"),
                UserTokens = ClusterSecuritySettings.UserTokens,
                OperatorKey = ClusterSecuritySettings.OperatorKey,
                Tls = ClusterSecuritySettings.Tls,
                Encoder = textEncoder,
                Classifier = OnetClassifierConfiguration.From(HostSettings.Read, textEncoder),
                Serving = SkillExtractionConfiguration.Apply(new ServingOptions { QaCheckpointPath = qaCheckpoint, EncoderName = parseResult.GetValue(encoder), ModelLog = line => Console.Error.WriteLine($"serve: {line}") }, HostSettings.Read),
                Skills = SkillExtractionConfiguration.From(HostSettings.Read, Console.Error.WriteLine),
            });
            return await HostLifetime.ServeUntilCancelledAsync(app, () => $"serving on {parseResult.GetValue(url)}; Ctrl+C stops", cancellationToken);
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var jobs = new Option<int>("--jobs") { Description = "Synthetic jobs", DefaultValueFactory = _ => 100_000 };
        var users = new Option<int>("--users") { Description = "Synthetic users", DefaultValueFactory = _ => 20_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 100 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring (JIT tiering)", DefaultValueFactory = _ => 10 };
        var cached = new Option<bool>("--cached") { Description = "Let recommendations come from the user grains' caches and record an interaction in 1 of 10 calls (default: every recommend is computed)" };
        var shardIndex = ShardIndexOption();
        var shards = new Option<int>("--shards") { Description = "Index shards the jobs are spread over", DefaultValueFactory = _ => new JobRec.Grains.Hosting.ServingOptions().ShardCount };
        var allocations = new Option<bool>("--allocations") { Description = "Also print which types the measured calls allocated most (sampled from the runtime's allocation events)" };
        var maxConcurrent = new Option<int>("--max-concurrent")
        {
            Description = "Recommends and searches the silo computes at once (the rest queue in arrival order)",
            DefaultValueFactory = _ => new JobRec.Grains.Hosting.ServingOptions().MaxConcurrentRequests,
        };
        var dimension = new Option<int>("--dimension") { Description = "Width of the hashed lexical embeddings (384, as the pretrained encoders)", DefaultValueFactory = _ => 384 };
        var memoryState = new Option<bool>("--memory-state") { Description = "Keep grain state and shard entries in process memory instead of SQLite and shard logs in a temporary folder (the default, as jobrec serve stores them)" };
        var command = new Command("serve", "Recommend (top-20) and search latency on an embedded silo");
        foreach (var o in new Option[] { jobs, users, concurrency, seconds, warmup, cached, shardIndex, shards, allocations, maxConcurrent, dimension, memoryState })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Checked here, not in a command validator: a validator sees 0 for options left at their defaults.
            if (parseResult.GetValue(jobs) < 1 || parseResult.GetValue(users) < 1 || parseResult.GetValue(concurrency) < 1 || parseResult.GetValue(seconds) < 1
                || parseResult.GetValue(warmup) < 0 || parseResult.GetValue(shards) is < 1 or > 256 || parseResult.GetValue(maxConcurrent) < 1
                || parseResult.GetValue(dimension) is < 8 or > 4096)
            {
                Console.Error.WriteLine("error: --jobs, --users, --concurrency, --seconds and --max-concurrent must be at least 1, --warmup at least 0, --shards within 1..256 and --dimension within 8..4096");
                return 1;
            }

            var line = await ServeBenchmark.RunAsync(parseResult.GetValue(jobs), parseResult.GetValue(users), parseResult.GetValue(concurrency),
                parseResult.GetValue(seconds), parseResult.GetValue(warmup), parseResult.GetValue(cached),
                ParseShardIndex(parseResult.GetValue(shardIndex)!), parseResult.GetValue(shards), Console.Error, cancellationToken,
                parseResult.GetValue(allocations), parseResult.GetValue(maxConcurrent), parseResult.GetValue(dimension), parseResult.GetValue(memoryState));
            Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    private static Option<string> ShardIndexOption()
    {
        var option = new Option<string>("--shard-index") { Description = "Vector index of the shards: ivf (inverted file, default), exact, faiss-flat", DefaultValueFactory = _ => "ivf" };
        option.AcceptOnlyFromAmong("ivf", "exact", "faiss-flat");
        return option;
    }

    private static ShardIndexKind ParseShardIndex(string name) => name switch
    {
        "exact" => ShardIndexKind.Exact,
        "faiss-flat" => ShardIndexKind.FaissFlat,
        _ => ShardIndexKind.InvertedFile,
    };

    /// <summary>The grain sink over a client SDK connection to a running silo's gateway.</summary>
    private sealed class ClientIngestSink(string gateway) : Data.Import.IIngestSink, IAsyncDisposable
    {
        private JobRecClient? _client;
        private GrainIngestSink? _sink;

        public async ValueTask<int> UpsertJobsAsync(IReadOnlyList<Data.Model.JobPosting> jobs, CancellationToken cancellationToken = default) =>
            await (await SinkAsync(cancellationToken)).UpsertJobsAsync(jobs, cancellationToken);

        public async ValueTask<int> UpsertUsersAsync(IReadOnlyList<Data.Model.UserProfile> users, CancellationToken cancellationToken = default) =>
            await (await SinkAsync(cancellationToken)).UpsertUsersAsync(users, cancellationToken);

        public async ValueTask<int> AddInteractionsAsync(IReadOnlyList<Data.Model.Interaction> interactions, CancellationToken cancellationToken = default) =>
            await (await SinkAsync(cancellationToken)).AddInteractionsAsync(interactions, cancellationToken);

        public async ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Data.Model.Occupation> occupations, CancellationToken cancellationToken = default) =>
            await (await SinkAsync(cancellationToken)).UpsertOccupationsAsync(occupations, cancellationToken);

        public async ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Data.Model.Skill> skills, CancellationToken cancellationToken = default) =>
            await (await SinkAsync(cancellationToken)).UpsertSkillsAsync(skills, cancellationToken);

        public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            if (_client is not null)
            {
                await _client.DisposeAsync();
            }
        }

        private async Task<GrainIngestSink> SinkAsync(CancellationToken cancellationToken)
        {
            if (_sink is null)
            {
                _client = await JobRecClient.ConnectAsync(gateway, ClusterSecuritySettings.Configure, cancellationToken);
                Console.Error.WriteLine($"ingest: into the grains of the silo at {gateway}");
                _sink = new GrainIngestSink(_client.Grains);
            }

            return _sink;
        }
    }
}
