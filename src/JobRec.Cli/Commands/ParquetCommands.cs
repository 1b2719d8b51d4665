using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using JobRec.Data.Parquet;
using JobRec.Data.Parquet.Benchmarks;
using JobRec.Data.Parquet.Reading;
using JobRec.Data.Parquet.Writing;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the Parquet concern: <c>jobrec parquet cat|schema|check</c> and <c>jobrec bench parquet</c>.</summary>
internal static class ParquetCommands
{
    /// <summary>Adds <c>parquet</c> and <c>export</c> under <paramref name="root"/> and <c>parquet</c> under <paramref name="bench"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        var parquet = new Command("parquet", "Inspect and check Parquet files");
        parquet.Subcommands.Add(CatCommand());
        parquet.Subcommands.Add(SchemaCommand());
        parquet.Subcommands.Add(CheckCommand());
        root.Subcommands.Add(parquet);
        root.Subcommands.Add(ExportCommands.Create());
        bench.Subcommands.Add(BenchCommand());
    }

    private static Command CatCommand()
    {
        var file = new Argument<string>("file") { Description = "Parquet file" };
        var head = new Option<int>("--head") { Description = "Rows to print (0: all)", DefaultValueFactory = _ => 10 }.AtLeast(0);
        var columns = new Option<string>("--columns") { Description = "Comma-separated top-level columns to print (default: all)" };
        var command = new Command("cat", "Print rows as JSON lines");
        command.Arguments.Add(file);
        command.Options.Add(head);
        command.Options.Add(columns);
        command.SetAction(parseResult => Guarded(() =>
        {
            using var reader = ParquetFileReader.Open(parseResult.GetRequiredValue(file));
            string? names = parseResult.GetValue(columns);
            var fields = reader.SelectFields(string.IsNullOrWhiteSpace(names) ? null : names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            int limit = parseResult.GetValue(head);
            int printed = 0;
            using var stdout = Console.OpenStandardOutput();
            foreach (var row in reader.ReadRows(fields))
            {
                if (limit > 0 && printed >= limit)
                {
                    break;
                }

                using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    json.WriteStartObject();
                    for (int i = 0; i < fields.Count; i++)
                    {
                        json.WritePropertyName(fields[i].Name);
                        WriteJson(json, row[i]);
                    }

                    json.WriteEndObject();
                }

                stdout.WriteByte((byte)'\n');
                printed++;
            }
        }));
        return command;
    }

    private static Command SchemaCommand()
    {
        var file = new Argument<string>("file") { Description = "Parquet file" };
        var command = new Command("schema", "Print the schema, row count, row groups and writer of a Parquet file");
        command.Arguments.Add(file);
        command.SetAction(parseResult => Guarded(() =>
        {
            using var reader = ParquetFileReader.Open(parseResult.GetRequiredValue(file));
            Console.Write(reader.Describe());
        }));
        return command;
    }

    private static Command CheckCommand()
    {
        var dir = new Argument<string>("dir") { Description = "Directory searched recursively for *.parquet and *.parquet.encrypted files" };
        var command = new Command("check", "Read every Parquet file in a directory; report which read, which were rejected cleanly, which crashed");
        command.Arguments.Add(dir);
        command.SetAction(parseResult =>
        {
            string root = parseResult.GetRequiredValue(dir);
            if (!Directory.Exists(root))
            {
                Console.Error.WriteLine($"error: no directory {root}");
                return 2;
            }

            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) || f.EndsWith(".parquet.encrypted", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            int ok = 0, rejected = 0, crashed = 0;
            foreach (string f in files)
            {
                try
                {
                    using var reader = ParquetFileReader.Open(f);
                    long rows = reader.ReadRows().LongCount();
                    Console.WriteLine($"ok        {f} rows={rows}");
                    ok++;
                }
                catch (Exception e) when (e is ParquetFormatException or ParquetUnsupportedException)
                {
                    Console.WriteLine($"rejected  {f}: {e.Message}");
                    rejected++;
                }
                catch (Exception e)
                {
                    Console.WriteLine($"CRASHED   {f}: {e.GetType().Name}: {e.Message}");
                    crashed++;
                }
            }

            Console.WriteLine($"parquet: files={files.Count} read_ok={ok} rejected_cleanly={rejected} crashed={crashed}");
            return crashed == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var rows = new Option<int>("--rows") { Description = "Jobs in the generated table", DefaultValueFactory = _ => 1_000_000 }.AtLeast(1);
        var rowGroup = new Option<int>("--row-group-size") { Description = "Rows per row group", DefaultValueFactory = _ => 100_000 }.AtLeast(1);
        var codec = new Option<ParquetCodec>("--codec") { Description = "Compression of the column chunks (names are case-insensitive)", DefaultValueFactory = _ => ParquetCodec.Snappy };
        var dir = new Option<string>("--scratch-dir") { Description = "Scratch folder for the file", DefaultValueFactory = _ => Path.GetTempPath() };
        var keep = new Option<bool>("--keep") { Description = "Keep the Parquet file afterwards" };
        var command = new Command("parquet", "Write a generated jobs table as Parquet, read it back, compare with CSV size");
        foreach (var option in new Option[] { rows, rowGroup, codec, dir, keep })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var compression = parseResult.GetValue(codec);
            var options = new ParquetWriteOptions { RowGroupSize = parseResult.GetValue(rowGroup), Codec = compression };
            var result = ParquetBenchmark.Run(
                parseResult.GetValue(rows), parseResult.GetRequiredValue(dir), options,
                line => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"), parseResult.GetValue(keep));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rows={result.Rows} codec={compression.ToString().ToLowerInvariant()} row_group_size={options.RowGroupSize} parquet_bytes={result.ParquetBytes} csv_bytes={result.CsvBytes} uncompressed_column_bytes={result.UncompressedColumnBytes} write_s={result.WriteSeconds:F2} read_s={result.ReadSeconds:F2} read_cpu_s={result.ReadCpuSeconds:F2} read_mb_per_cpu_s={result.UncompressedColumnBytes / 1e6 / result.ReadCpuSeconds:F1} read_csv_equivalent_mb_per_s={result.CsvBytes / 1e6 / result.ReadSeconds:F1} load_average={Environment.ProcessorCount}cpu:{LoadAverage()}"));
            Console.WriteLine(result);
            return 0;
        });
        return command;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static int Guarded(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is ParquetFormatException or ParquetUnsupportedException or IOException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case uint u: json.WriteNumberValue(u); break;
            case long l: json.WriteNumberValue(l); break;
            case ulong ul: json.WriteNumberValue(ul); break;
            case decimal d: json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case Half h when Half.IsFinite(h): json.WriteNumberValue((float)h); break;
            case float or double or Half: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            case byte[] bytes: json.WriteStringValue(Convert.ToBase64String(bytes)); break;
            case DateTimeOffset t: json.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly d: json.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeOnly t: json.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case Guid g: json.WriteStringValue(g); break;
            case Dictionary<string, object?> record:
                json.WriteStartObject();
                foreach (var (k, v) in record)
                {
                    json.WritePropertyName(k);
                    WriteJson(json, v);
                }

                json.WriteEndObject();
                break;
            case List<KeyValuePair<object?, object?>> map:
                json.WriteStartArray();
                foreach (var (k, v) in map)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("key");
                    WriteJson(json, k);
                    json.WritePropertyName("value");
                    WriteJson(json, v);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case System.Collections.IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
