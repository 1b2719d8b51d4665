using System.CommandLine;
using JobRec.Vectors.Benchmarks;
using JobRec.Vectors.Faiss;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the vector-index concern: <c>jobrec bench vectors</c>.</summary>
internal static class VectorCommands
{
    /// <summary>Adds <c>bench vectors</c> and <c>bench ivf-ingest</c> under <paramref name="bench"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        var n = new Option<int>("--n") { Description = "Vectors to index", DefaultValueFactory = _ => 100_000 }.AtLeast(1);
        var dim = new Option<int>("--dim") { Description = "Vector dimension", DefaultValueFactory = _ => 512 }.Within(1, 4096);
        var queries = new Option<int>("--queries") { Description = "Query vectors", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var k = CliOptions.K(10, "Results per query (recall@k)");
        var m = new Option<int>("--m") { Description = "HNSW neighbours per node", DefaultValueFactory = _ => 32 };
        var efConstruction = new Option<int>("--ef-construction") { Description = "HNSW build breadth", DefaultValueFactory = _ => 200 };
        var efSearch = new Option<int>("--ef-search") { Description = "HNSW search breadth (the first one tried when tuning)", DefaultValueFactory = _ => 32 };
        var targetRecall = new Option<double>("--target-recall") { Description = "Double efSearch until separate tuning queries reach this recall@k (0: no tuning)", DefaultValueFactory = _ => 0.95 };
        var distribution = new Option<VectorDistribution>("--distribution") { Description = "uniform (random unit vectors) or clustered", DefaultValueFactory = _ => VectorDistribution.Uniform };
        var seed = CliOptions.Seed(42);
        var threads = CliOptions.FaissThreads();

        var command = new Command("vectors", "FAISS flat and HNSW vs the managed exact index on random unit vectors: build time, queries/s, recall@k");
        foreach (var option in new Option[] { n, dim, queries, k, m, efConstruction, efSearch, targetRecall, distribution, seed, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var options = new VectorBenchmarkOptions(
                parseResult.GetValue(distribution),
                parseResult.GetValue(seed),
                new HnswParameters(parseResult.GetValue(m), parseResult.GetValue(efConstruction), parseResult.GetValue(efSearch)),
                parseResult.GetValue(threads),
                parseResult.GetValue(targetRecall));
            var result = VectorIndexBenchmark.Run(
                parseResult.GetValue(n), parseResult.GetValue(dim), parseResult.GetValue(queries), parseResult.GetValue(k), options,
                line => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"));
            Console.WriteLine(
                $"exact_qps={result.ExactQueriesPerSecond:F0} flat_recall{result.K}={result.FlatRecall:F4} distribution={result.Distribution.ToString().ToLowerInvariant()} m={result.HnswM} ef_construction={result.HnswEfConstruction} ef_search={result.HnswEfSearch} threads={FaissRuntime.ThreadCount}");
            Console.WriteLine(result);
            return 0;
        });
        bench.Subcommands.Add(command);
        bench.Subcommands.Add(IvfIngestCommand());
    }

    private static Command IvfIngestCommand()
    {
        var n = new Option<int>("--n") { Description = "Vectors to add", DefaultValueFactory = _ => 200_000 }.Within(1, 5_000_000);
        var dim = new Option<int>("--dim") { Description = "Vector dimension", DefaultValueFactory = _ => 384 }.Within(1, 4096);
        var batch = new Option<int>("--batch") { Description = "Vectors per add", DefaultValueFactory = _ => 500 }.Within(1, 100_000);
        var encoding = new Option<JobRec.Vectors.Ivf.InvertedListEncoding>("--encoding") { Description = "How lists store rows (Int8 as the shards do, or Float32)", DefaultValueFactory = _ => JobRec.Vectors.Ivf.InvertedListEncoding.Int8 };
        var command = new Command("ivf-ingest", "One growing inverted-file shard: adds/s while a reader searches, the longest add and search waits, re-clustering time after the adds");
        foreach (var option in new Option[] { n, dim, batch, encoding })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var result = InvertedFileIngestBenchmark.Run(parseResult.GetValue(n), parseResult.GetValue(dim), parseResult.GetValue(batch),
                encoding: parseResult.GetValue(encoding), progress: line => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"));
            Console.WriteLine(result);
            return 0;
        });
        return command;
    }
}
