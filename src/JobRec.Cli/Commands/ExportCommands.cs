using System.CommandLine;
using JobRec.Data.Export;

namespace JobRec.Cli.Commands;

/// <summary><c>jobrec export --format parquet|csv</c>: the jobs, users and interactions of the embedded store, for pandas, DuckDB or Spark.</summary>
internal static class ExportCommands
{
    /// <summary>The <c>export</c> command (registered by <see cref="ParquetCommands.Register"/>).</summary>
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "parquet or csv", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var store = new Option<string>("--store") { Description = "SQLite store: grain state (default ./.jobrec/grain-state.db) or an ingest store (./.jobrec/ingest.db, used when no grain state exists)" };
        var output = new Option<string>("--out") { Description = "Folder for jobs/users/interactions files", Required = true };
        var command = new Command("export", "Export the jobs, users and interactions of the embedded store (readable while a silo runs) as Parquet or CSV");
        command.Options.Add(format);
        command.Options.Add(store);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            string path = parseResult.GetValue(store) ?? DefaultStore();
            string folder = parseResult.GetRequiredValue(output);
            string kind = parseResult.GetValue(format)!;
            try
            {
                using var embedded = EmbeddedStore.Open(path);
                var result = StoreExporter.Export(embedded, folder, kind);
                Console.WriteLine($"export: store={path} ({embedded.Kind}) format={kind} out={folder} jobs={result.Jobs} users={result.Users} interactions={result.Interactions}");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"error: export of {path}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string DefaultStore()
    {
        string grains = Path.Combine(".jobrec", "grain-state.db");
        string ingest = Path.Combine(".jobrec", "ingest.db");
        return File.Exists(grains) || !File.Exists(ingest) ? grains : ingest;
    }
}
