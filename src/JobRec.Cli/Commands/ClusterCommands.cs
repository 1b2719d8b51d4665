using System.CommandLine;
using JobRec.Cli.Cluster;
using JobRec.Hosting.Local;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the silo cluster: <c>jobrec bench cluster</c>, <c>jobrec bench cluster-import</c> (the silo itself is <c>jobrec silo --cluster</c> in ActorCommands).</summary>
internal static class ClusterCommands
{
    /// <summary>Adds <c>cluster</c> and <c>cluster-import</c> under <paramref name="bench"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        bench.Subcommands.Add(BenchCommand());
        bench.Subcommands.Add(ClusterImportCommand.Create());
    }

    private static Command BenchCommand()
    {
        var silos = new Option<int>("--silos") { Description = "Silo processes (all on this machine's loopback)", DefaultValueFactory = _ => 3 }.Within(2, 16);
        var seconds = CliOptions.Seconds(20, "Measured seconds in all (half cross-silo, half local)");
        var pgPort = new Option<int>("--pg-port") { Description = "Loopback port of the throwaway PostgreSQL started when JOBREC_PG is unset", DefaultValueFactory = _ => 56432 }.Within(1, 65535);
        var command = new Command("cluster", "Orleans silo processes on one PostgreSQL: forwarded vs local calls through one gateway, then kill -9 of a silo and the takeover time");
        foreach (var o in new Option[] { silos, seconds, pgPort })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var n = parseResult.GetValue(silos);
            LocalPostgres? started = null;
            var conn = Environment.GetEnvironmentVariable("JOBREC_PG");
            if (string.IsNullOrWhiteSpace(conn))
            {
                started = await LocalPostgres.StartAsync(parseResult.GetValue(pgPort));
                conn = started.ConnectionString;
                Console.Error.WriteLine($"bench cluster: started PostgreSQL on 127.0.0.1:{parseResult.GetValue(pgPort)}");
            }

            try
            {
                Console.Error.WriteLine($"bench cluster: load average {File.ReadAllText("/proc/loadavg").Trim()}");
                var line = await ClusterBenchmark.RunAsync(conn, n, parseResult.GetValue(seconds), Console.Error);
                Console.Error.WriteLine($"bench cluster: load average {File.ReadAllText("/proc/loadavg").Trim()}");
                Console.WriteLine(line);
                return 0;
            }
            finally
            {
                if (started is not null)
                {
                    await started.DisposeAsync();
                }
            }
        });
        return command;
    }
}
