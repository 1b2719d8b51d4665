using System.Text.RegularExpressions;

namespace JobRec.Cli.Tests.Commands;

/// <summary><c>jobrec bench text</c> and the <c>--encoder</c> choice of the text commands, in process on the real O*NET and JobBERT files.</summary>
public sealed partial class TextEncoderCommandTests
{
    [Fact]
    public void Bench_text_prints_one_line_per_encoder()
    {
        var result = Run("bench", "text", "--onet", Path.Combine(SharedData.Root, "onet"), "--encoders", "minilm,hashed", "--titles", "40",
            "--descriptions", "3", "--skip-vectors", "--encoder-threads", "1");
        Assert.True(result.Code == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^text: encoder=minilm titles_per_s=\d+ descriptions_per_s=\d+\.\d dim=384 provider=cpu threads=1$", lines[0]);
        Assert.Matches(@"^text: encoder=hashed titles_per_s=\d+ descriptions_per_s=\d+\.\d dim=512 provider=managed-cpu threads=1$", lines[1]);
        Assert.Contains("encoder minilm: all-MiniLM-L6-v2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_text_refuses_an_unknown_encoder()
    {
        var result = Run("bench", "text", "--encoders", "minilm,bert-large", "--skip-vectors");
        Assert.Equal(2, result.Code);
        Assert.Contains("'minilm,bert-large'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Esco_titles_runs_with_the_chosen_encoder()
    {
        var result = Run("evaluate", "esco-titles", "--encoder", "arctic-xs", "--max-titles", "50", "--encoder-threads", "1",
            "--titles", Path.Combine(SharedData.Root, "jobbert_title_normalization", "titles.csv"), "--esco", Path.Combine(SharedData.Root, "esco", "occupations_en.csv"));
        Assert.True(result.Code == 0, result.Error);
        Assert.Matches(EscoLine(), result.Output.Trim());
        Assert.Contains("encoder arctic-xs: snowflake-arctic-embed-xs", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_ends_the_command_with_one_line_naming_the_file_and_setup_sh()
    {
        var cache = Directory.CreateTempSubdirectory("jobrec-empty-cache-").FullName;
        var previous = Environment.GetEnvironmentVariable("JOBREC_CACHE");
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var error = new StringWriter();
        try
        {
            Environment.SetEnvironmentVariable("JOBREC_CACHE", cache);
            Console.SetOut(new StringWriter());
            Console.SetError(error);
            var code = JobRec.Cli.Program.Main(["evaluate", "esco-titles", "--encoder", "minilm", "--max-titles", "1"]);
            Assert.Equal(1, code);
            var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith($"jobrec: model file missing: {Path.Combine(cache, "models", "minilm", "model.onnx")}", lines[0], StringComparison.Ordinal);
            Assert.Contains("deploy/setup.sh", lines[0], StringComparison.Ordinal);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Environment.SetEnvironmentVariable("JOBREC_CACHE", previous);
            JobRec.ML.Text.ModelCache.Configure(previous); // Main bound the cache folder of this process; later tests use the usual one
            JobRec.Vectors.Faiss.FaissRuntime.Configure(previous);
            Directory.Delete(cache, recursive: true);
        }
    }

    [GeneratedRegex(@"^esco-titles: n=50 map10=0\.\d{4} mrr=0\.\d{4} r1=0\.\d{4} r5=0\.\d{4} r10=0\.\d{4}$")]
    private static partial Regex EscoLine();

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);
}
