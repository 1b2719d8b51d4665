using System.CommandLine;
using JobRec.Actors.Benchmarks;
using JobRec.Actors.Cluster;
using JobRec.Actors.Transport;
using JobRec.Client;
using JobRec.Grains.Hosting;
using JobRec.ML.Text;
using Microsoft.Extensions.DependencyInjection;

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
        var address = new Option<string>("--address") { Description = "Gateway (and silo-to-silo) bind address", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "--gateway-port") { Description = "Gateway TCP port (0: any free port)", DefaultValueFactory = _ => 30000 };
        var storage = new Option<string>("--storage") { Description = "SQLite file of grain state (single silo; a cluster keeps state in PostgreSQL)", DefaultValueFactory = _ => Path.Combine(".jobrec", "grain-state.db") };
        var cluster = new Option<string?>("--cluster") { Description = "Join the cluster on this PostgreSQL connection string (no value: $JOBREC_PG)", Arity = ArgumentArity.ZeroOrOne };
        var siloId = new Option<string?>("--silo-id") { Description = "Unique silo id in the cluster (default: host-gatewayport)" };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo TCP port in a cluster (0: any free port)", DefaultValueFactory = _ => 0 };
        var advertise = new Option<string?>("--advertise") { Description = "Host other silos and clients reach this silo at (default: --address)" };
        var partitions = new Option<int>("--partitions") { Description = "Partition count (same on every silo)", DefaultValueFactory = _ => 256 };
        var lease = new Option<double>("--lease-seconds") { Description = "Partition lease time: a dead silo's partitions move within about this", DefaultValueFactory = _ => 10 };
        var encoder = new Option<string>("--encoder") { Description = "Text encoder of the serving grains: hashed (fast lexical), use-lite (USE-Lite 512-d), minilm or arctic-xs (pretrained, 384-d, ONNX Runtime); the same on every silo of a cluster", DefaultValueFactory = _ => "hashed" };
        encoder.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        var indexDir = new Option<string>("--index-dir") { Description = "Folder of the index shard logs; silos of one machine may share it so a shard that moves restores its entries", DefaultValueFactory = _ => Path.Combine(".jobrec", "index") };
        var command = new Command("silo", "Run a silo (grain runtime + gateway) until Ctrl+C / SIGTERM; with --cluster it joins a PostgreSQL-anchored cluster");
        var shards = new Option<int?>("--shards") { Description = "Index shards the jobs are spread over; every silo of a cluster must use the same (default: 8 with --cluster, else 1)" };
        foreach (var o in new Option[] { address, port, storage, cluster, siloId, siloPort, advertise, partitions, lease, encoder, indexDir, shards })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ClusterOptions? clusterOptions = null;
            var shardCount = parseResult.GetValue(shards)
                ?? (parseResult.GetResult(cluster) is not null ? Contracts.Indexing.ShardRouting.DefaultShardCount : Contracts.Indexing.ShardRouting.EmbeddedShardCount);
            if (shardCount is < 1 or > 256)
            {
                Console.Error.WriteLine($"silo: --shards must be within 1..256 (was {shardCount})");
                return 2;
            }

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

                clusterOptions = new ClusterOptions
                {
                    ConnectionString = connection,
                    SiloId = parseResult.GetValue(siloId) ?? $"{Environment.MachineName}-{parseResult.GetValue(port)}",
                    PartitionCount = parseResult.GetValue(partitions),
                    LeaseDuration = TimeSpan.FromSeconds(parseResult.GetValue(lease)),
                    SiloAddress = parseResult.GetValue(address)!,
                    SiloPort = parseResult.GetValue(siloPort),
                    AdvertisedHost = parseResult.GetValue(advertise),
                };
                try
                {
                    clusterOptions.Validate();
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine($"silo: {e.Message}");
                    return 2;
                }
            }

            await using var app = JobRec.Silo.Program.Build([], o =>
            {
                o.GatewayAddress = parseResult.GetValue(address)!;
                o.GatewayPort = parseResult.GetValue(port);
                o.SqliteStoragePath = parseResult.GetValue(storage)!;
            }, clusterOptions, new ServingOptions
            {
                IndexDirectory = parseResult.GetValue(indexDir),
                ShardCount = shardCount,
            },
                TextEncoderCatalog.Create(parseResult.GetValue(encoder)!, log: Console.Error.WriteLine));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            StopWhenParentExits(stop);
            try
            {
                return await HostLifetime.ServeUntilCancelledAsync(app, () => Banner(app, clusterOptions), stop.Token);
            }
            catch (InvalidOperationException e) when (clusterOptions is not null)
            {
                Console.Error.WriteLine($"silo: {e.Message}");
                return 1;
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

    /// <summary>The line a started silo prints; in a cluster it names the silo id, both advertised endpoints and the partitions held (scripts and tests read it).</summary>
    private static string Banner(Microsoft.AspNetCore.Builder.WebApplication app, ClusterOptions? cluster)
    {
        var gateway = app.Services.GetRequiredService<SiloGatewayEndpoint>().Address;
        if (cluster is null)
        {
            return $"silo: gateway listening on {gateway}; Ctrl+C stops it";
        }

        var service = app.Services.GetRequiredService<ClusterSiloService>();
        return $"silo: cluster member {cluster.SiloId} gateway={service.AdvertisedGatewayEndpoint} silo={service.AdvertisedSiloEndpoint} partitions={service.HeldPartitions}; SIGTERM hands over and stops it";
    }

    private static Command BenchCommand()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds in all (40% local, 40% gateway, 10% per baseline)", DefaultValueFactory = _ => 10 };
        var callers = new Option<int>("--callers") { Description = "Concurrent callers", DefaultValueFactory = _ => 1000 };
        var grains = new Option<int>("--grains") { Description = "Distinct grains the callers spread over", DefaultValueFactory = _ => 1000 };
        var command = new Command("actors", "Grain calls in-silo and through the gateway, with direct-call and Channel<T> baselines");
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
            };
            var result = await ActorBenchmark.RunAsync(options, async gateway =>
            {
                var client = await ClusterClient.ConnectAsync(gateway);
                return (client, client);
            }, Console.Out);
            Console.WriteLine(result.SummaryLine);
            return 0;
        });
        return command;
    }
}
