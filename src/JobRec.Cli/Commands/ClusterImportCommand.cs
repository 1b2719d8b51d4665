using System.CommandLine;
using JobRec.Data.Import;
using JobRec.Data.Reading;
using JobRec.Hosting.Local;
using JobRec.Hosting.Local.Import;

namespace JobRec.Cli.Commands;

/// <summary><c>jobrec bench cluster-import</c>: a source imported into N local silo processes on one PostgreSQL, one silo killed with SIGKILL
/// part-way, then every acknowledged job checked stored and served (<see cref="ClusterImportCheck"/>); exit 1 when a job was lost or the
/// import did not complete. deploy/cluster-import-check.sh generates a LinkedIn-2024-format file and runs it.</summary>
internal static class ClusterImportCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Source format", DefaultValueFactory = _ => "linkedin2024" }.OneOf([.. DataSources.Names.Order()]);
        var silos = new Option<int>("--silos") { Description = "Silo processes (all on this machine's loopback)", DefaultValueFactory = _ => 3 }.Within(2, 16);
        var killAt = new Option<double>("--kill-at") { Description = "Share of the jobs written when one silo (the one holding most index shards) is killed with SIGKILL; 0: none", DefaultValueFactory = _ => 0.4 }.Within(0.0, 0.95);
        var expected = new Option<long>("--expected") { Description = "Jobs the source holds (0: count them first)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var batch = new Option<int>("--batch") { Description = "Jobs per acknowledged batch", DefaultValueFactory = _ => 4096 }.Within(1, 100_000);
        var sample = new Option<int>("--read-back") { Description = "Acknowledged jobs read back through the cluster (all when fewer)", DefaultValueFactory = _ => 20_000 }.AtLeast(0);
        var pgPort = new Option<int>("--pg-port") { Description = "Loopback port of the throwaway PostgreSQL started when JOBREC_PG is unset", DefaultValueFactory = _ => 57432 }.Within(1, 65535);
        var paths = new Argument<string[]>("paths") { Description = "Files or folders of the source", Arity = ArgumentArity.OneOrMore };
        var command = new Command("cluster-import", "Import a source into local silo processes on one PostgreSQL, kill -9 one part-way, check that no acknowledged job was lost");
        foreach (var o in new Option[] { source, silos, killAt, expected, batch, sample, pgPort })
        {
            command.Options.Add(o);
        }

        command.Arguments.Add(paths);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            IDataSource dataSource;
            try
            {
                dataSource = DataSources.Create(parseResult.GetValue(source)!, parseResult.GetValue(paths)!);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"bench cluster-import: {e.Message}");
                return 2;
            }

            var jobs = parseResult.GetValue(expected);
            if (jobs == 0)
            {
                jobs = dataSource.Read(new ReadReport(), cancellationToken).LongCount(i => i.Job is not null);
                Console.Error.WriteLine($"bench cluster-import: the source holds {jobs} jobs");
            }

            LocalPostgres? started = null;
            var conn = Environment.GetEnvironmentVariable("JOBREC_PG");
            if (string.IsNullOrWhiteSpace(conn))
            {
                started = await LocalPostgres.StartAsync(parseResult.GetValue(pgPort));
                conn = started.ConnectionString;
                Console.Error.WriteLine($"bench cluster-import: started PostgreSQL on 127.0.0.1:{parseResult.GetValue(pgPort)}");
            }

            try
            {
                await using var cluster = await LocalSiloCluster.CreateAsync(conn);
                var ids = Enumerable.Range(1, parseResult.GetValue(silos)).Select(i => $"import-{i}").ToArray();
                foreach (var id in ids)
                {
                    var silo = await cluster.StartSiloAsync(id);
                    Console.Error.WriteLine($"bench cluster-import: silo {id} pid {silo.ProcessId} gateway {silo.Gateway}");
                }

                await cluster.WaitForActiveAsync(ids, TimeSpan.FromSeconds(120));
                Console.Error.WriteLine($"bench cluster-import: load average {File.ReadAllText("/proc/loadavg").Trim()}");
                var result = await ClusterImportCheck.RunAsync(cluster, dataSource, new ClusterImportCheckOptions
                {
                    ExpectedJobs = jobs,
                    KillAt = parseResult.GetValue(killAt),
                    BatchSize = parseResult.GetValue(batch),
                    ServedSample = parseResult.GetValue(sample),
                }, Console.Error, ConsoleProgressBar.ForStandardError(), cancellationToken);
                Console.Error.WriteLine($"bench cluster-import: load average {File.ReadAllText("/proc/loadavg").Trim()}");
                Console.WriteLine(result.SummaryLine);
                return result.Passed ? 0 : 1;
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
