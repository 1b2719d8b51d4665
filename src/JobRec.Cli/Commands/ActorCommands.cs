using System.CommandLine;
using JobRec.Client;
using JobRec.Grains.Hosting;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;
using JobRec.OrleansExtensions.Clustering;
using JobRec.Silo.Benchmarks;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the grain runtime: <c>jobrec silo</c> and <c>jobrec bench actors</c>.</summary>
internal static class ActorCommands
{
    /// <summary>Adds <c>silo</c> under <paramref name="root"/> and <c>actors</c> under <paramref name="bench"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        root.Subcommands.Add(SiloCommand());
        bench.Subcommands.Add(BenchCommand());
    }

    private static Command SiloCommand()
    {
        var address = new Option<string>("--address") { Description = "Address the silo and its gateway bind to and advertise", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "--gateway-port") { Description = "Gateway TCP port for client SDK connections (0: no gateway)", DefaultValueFactory = _ => 30000 };
        var storage = new Option<string>("--storage") { Description = "SQLite file of grain state (embedded silo; a cluster keeps state in PostgreSQL)", DefaultValueFactory = _ => Path.Combine(".jobrec", "grain-state.db") };
        var cluster = new Option<string?>("--cluster") { Description = "Join the cluster on this PostgreSQL connection string (no value: $JOBREC_PG)", Arity = ArgumentArity.ZeroOrOne };
        var siloId = new Option<string?>("--silo-id") { Description = "Silo name in the cluster's membership table (default: host-gatewayport)" };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo TCP port (0: a free port, advertised in the membership table)", DefaultValueFactory = _ => 0 };
        var url = CliOptions.Url("http://127.0.0.1:0", "Where this silo serves the HTTP API, page and dashboard (port 0: a free port)");
        var encoder = new Option<string>("--encoder") { Description = "Text encoder of the serving grains: hashed (fast lexical), use-lite (USE-Lite 512-d), minilm or arctic-xs (pretrained, 384-d, ONNX Runtime); the same on every silo of a cluster", DefaultValueFactory = _ => "hashed" };
        encoder.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        var indexDir = new Option<string>("--index-dir") { Description = "Folder of the index shard logs of the embedded silo (a cluster keeps shard entries in PostgreSQL)", DefaultValueFactory = _ => Path.Combine(".jobrec", "index") };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Do not serve the Orleans Dashboard at /dashboard" };
        var command = new Command("silo", "Run an Orleans silo (serving grains, gateway, HTTP API) until Ctrl+C / SIGTERM; with --cluster it joins a cluster on PostgreSQL");
        var shards = new Option<int?>("--shards") { Description = "Index shards the jobs are spread over; every silo of a cluster must use the same (default: 8 with --cluster, else 1)" };
        shards.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n and (< 1 or > 256)) result.AddError($"--shards {n} must be within 1..256");
        });
        foreach (var o in new Option[] { address, port, storage, cluster, siloId, siloPort, url, encoder, indexDir, noDashboard, shards })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            PostgresClusterOptions? clusterOptions = null;
            var shardCount = parseResult.GetValue(shards)
                ?? (parseResult.GetResult(cluster) is not null ? Contracts.Indexing.ShardRouting.DefaultShardCount : Contracts.Indexing.ShardRouting.EmbeddedShardCount);
            var httpUrl = parseResult.GetValue(url)!;
            if (parseResult.GetResult(cluster) is not null)
            {
                var connection = parseResult.GetValue(cluster);
                if (string.IsNullOrWhiteSpace(connection))
                {
                    connection = Environment.GetEnvironmentVariable("JOBREC_PG");
                }

                if (string.IsNullOrWhiteSpace(connection))
                {
                    Console.Error.WriteLine("silo: --cluster needs a PostgreSQL connection string, as its value or in JOBREC_PG (deploy/pg-local.sh start prints one).");
                    return 2;
                }

                clusterOptions = new PostgresClusterOptions { ConnectionString = connection };
            }

            var gatewayPort = parseResult.GetValue(port);
            WebApplication app;
            try
            {
                var textEncoder = TextEncoderCatalog.Create(parseResult.GetValue(encoder)!, log: Console.Error.WriteLine);
                app = ServingHost.Build(new ServingHostOptions
                {
                    DataDirectory = Path.GetDirectoryName(Path.GetFullPath(parseResult.GetValue(storage)!))!,
                    StoragePath = parseResult.GetValue(storage),
                    HttpUrl = httpUrl,
                    Address = parseResult.GetValue(address)!,
                    GatewayPort = gatewayPort,
                    SiloPort = parseResult.GetValue(siloPort),
                    SiloName = parseResult.GetValue(siloId) ?? $"{Environment.MachineName}-{gatewayPort}",
                    Cluster = clusterOptions,
                    Tls = ClusterSecuritySettings.Tls,
                    OperatorKey = ClusterSecuritySettings.OperatorKey,
                    ApiKey = HostSettings.Read("JOBREC_API_KEY"),
                    UserTokens = ClusterSecuritySettings.UserTokens,
                    Dashboard = !parseResult.GetValue(noDashboard),
                    Serving = JobRec.Grains.Inference.SkillExtractionConfiguration.Apply(new ServingOptions
                    {
                        IndexDirectory = parseResult.GetValue(indexDir),
                        ShardCount = shardCount,
                        QaCheckpointPath = HostSettings.Read(JobRec.Grains.Inference.QaCheckpointLocation.EnvironmentVariable),
                        EncoderName = parseResult.GetValue(encoder),
                        ModelLog = line => Console.Error.WriteLine($"silo: {line}"),
                    }, HostSettings.Read),
                    Encoder = textEncoder,
                    Classifier = JobRec.Grains.Occupations.OnetClassifierConfiguration.From(HostSettings.Read),
                    Skills = JobRec.Grains.Inference.SkillExtractionConfiguration.From(HostSettings.Read, Console.Error.WriteLine),
                });
            }
            catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException or InvalidDataException
                                          or JobRec.ML.Onet.OnetModelEncoderMismatchException or JobRec.ML.Text.ModelNotFoundException)
            {
                Console.Error.WriteLine($"silo: {e.Message}");
                return 2;
            }

            await using (app)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                StopWhenParentExits(stop);
                try
                {
                    return await HostLifetime.ServeUntilCancelledAsync(app, () => Banner(app, clusterOptions), stop.Token);
                }
                catch (Exception e) when (e is InvalidOperationException or Orleans.Runtime.OrleansException or Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
                {
                    Console.Error.WriteLine($"silo: {e.Message}");
                    return 1;
                }
            }
        });
        return command;
    }

    /// <summary>When JOBREC_EXIT_WITH_PARENT names a process id (test and benchmark harnesses set it), stops the silo gracefully once that process is gone, so a crashed harness leaves no silo behind.</summary>
    private static void StopWhenParentExits(CancellationTokenSource stop)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JOBREC_EXIT_WITH_PARENT"), out var parent) || parent <= 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var p = System.Diagnostics.Process.GetProcessById(parent);
                    if (p.HasExited)
                    {
                        break;
                    }
                }
                catch (ArgumentException)
                {
                    break; // no such process
                }

                await Task.Delay(1000, CancellationToken.None);
            }

            if (!stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"silo: parent process {parent} is gone; stopping");
                await stop.CancelAsync();
            }
        });
    }

    /// <summary>The line a started silo prints (scripts and tests read it): embedded, or in a cluster its name and advertised endpoints,
    /// once it is an active member.</summary>
    private static string Banner(WebApplication app, PostgresClusterOptions? cluster)
    {
        var silo = app.Services.GetRequiredService<ILocalSiloDetails>();
        var http = string.Join(",", app.Urls);
        var gateway = silo.GatewayAddress?.Endpoint.ToString() ?? "none";
        return cluster is null
            ? $"silo: gateway listening on {gateway} http={http}; Ctrl+C stops it"
            : $"silo: cluster member {silo.Name} gateway={gateway} silo={silo.SiloAddress.Endpoint} http={http}; SIGTERM stops it (its grains move to the other silos)";
    }

    private static Command BenchCommand()
    {
        var seconds = CliOptions.Seconds(10, "Measured seconds in all (40% local, 40% gateway, 10% per baseline)");
        var callers = new Option<int>("--callers") { Description = "Concurrent callers", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var grains = new Option<int>("--grains") { Description = "Distinct grains the callers spread over", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var callChain = new Option<bool>("--call-chain") { Description = "Run the silo with the opt-in call-chain deadlock filter (to measure what it costs)" };
        var command = new Command("actors", "Orleans grain calls in a silo and through its gateway, with direct-call and Channel<T> baselines");
        command.Options.Add(callChain);
        command.Options.Add(seconds);
        command.Options.Add(callers);
        command.Options.Add(grains);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ActorBenchmarkOptions
            {
                Seconds = parseResult.GetValue(seconds),
                Callers = parseResult.GetValue(callers),
                Grains = parseResult.GetValue(grains),
                CallChainDetection = parseResult.GetValue(callChain),
            };
            var result = await ActorBenchmark.RunAsync(options, async gateway =>
            {
                var client = await JobRecClient.ConnectAsync(gateway);
                return (client.Grains, client);
            }, Console.Out);
            Console.WriteLine(result.SummaryLine);
            return 0;
        });
        return command;
    }
}
