using System.CommandLine;
using JobRec.Data.Import;
using JobRec.ML.Recommenders;
using JobRec.Silo.Benchmarks;
using JobRec.ML.Text;

namespace JobRec.Cli.Commands;

/// <summary><c>jobrec bench ingest</c>: a source streamed into one embedded silo end to end (reader, inference pool, grains, shards).</summary>
internal static class IngestBenchCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Source format", Required = true }.OneOf([.. DataSources.Names.Order()]);
        var encoders = new EncoderOptionSet("hashed", "Text encoder of the silo's inference pool: hashed (lexical, 384-d here), minilm, arctic-xs, use-lite");
        var resume = new Option<string?>("--resume") { Description = "Checkpoint file: saved after every batch; an interrupted import run again with it continues where it stopped (no duplicates)" };
        var expected = new Option<long>("--expected") { Description = "Items the source holds, when known (progress shows an ETA)", DefaultValueFactory = _ => 0 };
        var paths = new Argument<string[]>("paths") { Description = "Files or folders of the source", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Import rate end to end on one embedded silo (state in memory): prints jobs/s, the encoder's share and the peak resident set");
        command.Options.Add(source);
        encoders.AddTo(command);
        command.Options.Add(resume);
        command.Options.Add(expected);
        command.Arguments.Add(paths);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            Data.Reading.IDataSource dataSource;
            ML.Text.ITextEncoder encoder;
            var name = encoders.Name(parseResult);
            try
            {
                dataSource = DataSources.Create(parseResult.GetValue(source)!, parseResult.GetValue(paths)!);
                encoder = name == ML.Text.TextEncoderCatalog.Hashed ? new HashedTextEncoder(384) : encoders.Create(parseResult, Console.Error.WriteLine);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"bench ingest: {e.Message}");
                return 2;
            }

            try
            {
                Console.WriteLine(await IngestBenchmark.RunAsync(dataSource, encoder, name, parseResult.GetValue(resume), parseResult.GetValue(expected),
                    Console.Error, cancellationToken));
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                Console.Error.WriteLine($"bench ingest: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
