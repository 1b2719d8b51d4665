using System.CommandLine;
using JobRec.Actors.Benchmarks;
using JobRec.Actors.Transport;
using JobRec.Client;
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
        var address = new Option<string>("--address") { Description = "Gateway bind address", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Gateway TCP port", DefaultValueFactory = _ => 30000 };
        var storage = new Option<string>("--storage") { Description = "SQLite file of grain state", DefaultValueFactory = _ => Path.Combine(".jobrec", "grain-state.db") };
        var command = new Command("silo", "Run a silo (grain runtime + gateway) until Ctrl+C");
        command.Options.Add(address);
        command.Options.Add(port);
        command.Options.Add(storage);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var app = JobRec.Silo.Program.Build([], o =>
            {
                o.GatewayAddress = parseResult.GetValue(address)!;
                o.GatewayPort = parseResult.GetValue(port);
                o.SqliteStoragePath = parseResult.GetValue(storage)!;
            });
            return await HostLifetime.ServeUntilCancelledAsync(app, () => $"silo: gateway listening on {app.Services.GetRequiredService<SiloGatewayEndpoint>().Address}; Ctrl+C stops it", cancellationToken);
        });
        return command;
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
