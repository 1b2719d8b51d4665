using System.CommandLine;
using System.Diagnostics;
using JobRec.Data.Benchmarks;
using JobRec.Data.Import;
using JobRec.Data.Synthetic;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the data concern: <c>jobrec generate</c>, <c>jobrec ingest</c> and <c>jobrec bench data</c>.</summary>
internal static class DataCommands
{
    /// <summary>Adds <c>generate</c> and <c>ingest</c> under <paramref name="root"/> and <c>data</c> under <paramref name="bench"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        root.Subcommands.Add(GenerateCommand());
        root.Subcommands.Add(IngestCommand());
        bench.Subcommands.Add(BenchCommand());
    }

    private static Command GenerateCommand()
    {
        var jobs = new Option<int>("--jobs") { Description = "Number of jobs", DefaultValueFactory = _ => 20_000 }.AtLeast(1);
        var users = new Option<int>("--users") { Description = "Number of users", DefaultValueFactory = _ => 5_000 }.AtLeast(0);
        var seed = CliOptions.Seed(42, "Seed (same seed, same market)");
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var format = new ChoiceOption<MarketFormat>("--format", "csv (the project's layout), careerbuilder (2012 TSV layout), parquet, or linkedin2024 (jobs only, in the Kaggle 1.3M LinkedIn 2024 schema: linkedin_job_postings.csv, job_skills.csv, job_summary.csv)",
            "csv", ("csv", MarketFormat.Csv), ("careerbuilder", MarketFormat.CareerBuilder), ("parquet", MarketFormat.Parquet), ("linkedin2024", MarketFormat.LinkedIn2024));
        var command = new Command("generate", "Generate a synthetic job market (jobs, users, train and future interactions)");
        command.AddAll(jobs, users, seed, output, format);
        command.SetAction(parseResult =>
        {
            var options = new SyntheticMarketOptions { Jobs = parseResult.GetValue(jobs), Users = parseResult.GetValue(users), Seed = (ulong)parseResult.GetValue(seed) };
            var market = SyntheticMarket.Generate(options);
            var folder = parseResult.GetValue(output)!;
            var bar = ConsoleProgressBar.ForStandardError();
            var clock = Stopwatch.StartNew();
            long rows = 0;
            var next = TimeSpan.Zero;
            void Progress(long n)
            {
                rows += n;
                if (clock.Elapsed < next) return;
                next = clock.Elapsed + TimeSpan.FromMilliseconds(250);
                bar.Report(new IngestProgress("generate", rows, 0, rows, clock.Elapsed, false));
            }
            switch (format.Get(parseResult))
            {
                case MarketFormat.Csv: SyntheticMarketWriter.WriteCsv(market, folder, Progress); break;
                case MarketFormat.CareerBuilder: SyntheticMarketWriter.WriteCareerBuilder(market, folder, Progress); break;
                case MarketFormat.Parquet: SyntheticMarketWriter.WriteParquet(market, folder, Progress); break;
                case MarketFormat.LinkedIn2024: LinkedIn2024Writer.Write(market.Jobs(), folder, Progress); break;
                default: throw new UnreachableException($"--format {parseResult.GetValue(format.Option)}");
            }
            bar.Report(new IngestProgress("generate", rows, 0, rows, clock.Elapsed, true));
            Console.WriteLine($"generate: jobs={options.Jobs} users={options.Users} seed={options.Seed} rows={rows} format={parseResult.GetValue(format.Option)} out={folder}");
            return 0;
        });
        return command;
    }

    private static Command IngestCommand()
    {
        var source = new Option<string>("--source") { Description = "Source format", Required = true }.OneOf([.. DataSources.Names.Order()]);
        var target = new Option<string?>("--target") { Description = "Where to import: silo:HOST:PORT (a running silo's grains), memory, or a SQLite store path; the default is the embedded store ./.jobrec/ingest.db" };
        var batch = new Option<int>("--batch") { Description = "Items per write", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var allowPartial = new Option<bool>("--allow-partial") { Description = "Exit 0 even when a file ends inside a record (cut off); its earlier rows are imported either way" };
        var resume = new Option<string?>("--resume") { Description = "Checkpoint file: saved after every batch; an interrupted import run again with it continues where it stopped (no duplicates)" };
        var expected = new Option<long>("--expected") { Description = "Items the source holds, when known (progress shows an ETA)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var paths = new Argument<string[]>("paths") { Description = "Files or folders of the source", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Import a source into the engine (idempotent; bad rows are reported, not fatal)");
        command.Options.Add(source);
        command.Options.Add(resume);
        command.Options.Add(expected);
        command.Options.Add(target);
        command.Options.Add(batch);
        command.Options.Add(allowPartial);
        command.Arguments.Add(paths);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            Data.Reading.IDataSource dataSource;
            try
            {
                dataSource = DataSources.Create(parseResult.GetValue(source)!, parseResult.GetValue(paths)!);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"ingest: {e.Message}");
                return 2;
            }
            var sink = IngestSinks.Create(parseResult.GetValue(target));
            if (sink is SqliteIngestSink store) Console.Error.WriteLine($"ingest: into SQLite store {store.StorePath}");
            try
            {
                var report = await IngestPipeline.RunAsync(dataSource, sink,
                    new IngestOptions
                    {
                        BatchSize = parseResult.GetValue(batch),
                        Progress = ConsoleProgressBar.ForStandardError(),
                        CheckpointPath = parseResult.GetValue(resume),
                        ExpectedItems = parseResult.GetValue(expected),
                    }, cancellationToken);
                Console.WriteLine(report.ToString());
                if (report.CutOff.Count > 0 && !parseResult.GetValue(allowPartial))
                {
                    foreach (var cut in report.CutOff)
                    {
                        Console.Error.WriteLine($"ingest: {cut.File}:{cut.Line}: {cut.Reason}; the rows before it were imported. " +
                                                "Complete the file and import it again (imports are idempotent), or pass --allow-partial to accept it as it is.");
                    }

                    return 3;
                }

                return report.Imported == 0 && report.Issues.Count > 0 ? 1 : 0;
            }
            finally
            {
                switch (sink)
                {
                    case IAsyncDisposable a: await a.DisposeAsync(); break;
                    case IDisposable d: d.Dispose(); break;
                }
            }
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var rows = new Option<long>("--rows") { Description = "Rows in the LinkedIn postings CSV", DefaultValueFactory = _ => 500_000 };
        var jobs = new Option<int>("--jobs") { Description = "Jobs to generate", DefaultValueFactory = _ => 200_000 };
        var sample = new Option<string?>("--sample") { Description = "A linkedin_job_postings.csv whose rows are repeated (default: shared/data's sample when found, else synthetic rows)" };
        var command = new Command("data", "CSV reading (LinkedIn postings) and synthetic generation throughput");
        command.Options.Add(rows);
        command.Options.Add(jobs);
        command.Options.Add(sample);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(sample) ?? FindSharedSample();
            var result = DataBenchmark.Run(parseResult.GetValue(rows), parseResult.GetValue(jobs), path, Console.Out);
            Console.WriteLine(result.SummaryLine);
            return 0;
        });
        return command;
    }

    private static string? FindSharedSample()
    {
        var root = Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA");
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); root is null && dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data"))) root = Path.Combine(dir.FullName, "shared", "data");
        }
        var file = root is null ? null : Path.Combine(root, "linkedin_asaniczka_2024_sample", "linkedin_job_postings.csv");
        return file is not null && File.Exists(file) ? file : null;
    }

    /// <summary>The file layouts <c>jobrec generate</c> writes.</summary>
    private enum MarketFormat
    {
        Csv,
        CareerBuilder,
        Parquet,
        LinkedIn2024,
    }
}
