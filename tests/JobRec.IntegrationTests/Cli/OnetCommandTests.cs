using System.Text.RegularExpressions;
using JobRec.IntegrationTests.Serving;

namespace JobRec.IntegrationTests.Cli;

/// <summary><c>jobrec onet train</c> and <c>jobrec onet classify</c> run in process on the real O*NET files (a small, fast model).</summary>
public sealed partial class OnetCommandTests
{
    [Fact]
    public void Train_saves_a_model_that_classify_loads_and_answers_with()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-onet-cli-" + Guid.NewGuid().ToString("N"));
        var model = Path.Combine(dir, "onet.model");
        try
        {
            var onet = Path.Combine(SharedData.Path, "onet");
            var train = Run("onet", "train", "--onet", onet, "--out", model, "--max-titles", "2000", "--no-rerank", "--no-head");
            Assert.True(train.Code == 0, train.Error);
            Assert.Matches(@"^onet-model: file=.+ occupations=\d{3,} title_entries=\d+ reranker=no bytes=\d+ seconds=", train.Output.Trim());
            Assert.True(new FileInfo(model).Length > 0);

            var classify = Run("onet", "classify", "--model", model, "--k", "3", "Registered Nurse", "Software Developer");
            Assert.True(classify.Code == 0, classify.Error);
            var lines = classify.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(8, lines.Length); // each title, then its 3 occupations
            Assert.Equal("Registered Nurse", lines[0]);
            Assert.Equal("Software Developer", lines[4]);
            Assert.All(lines.Where((_, i) => i % 4 != 0), l => Assert.Matches(CodeLine(), l));
            Assert.StartsWith("29-", lines[1], StringComparison.Ordinal); // healthcare practitioners
            Assert.StartsWith("15-", lines[5], StringComparison.Ordinal); // computer and mathematical

            var missing = Run("onet", "classify", "--model", Path.Combine(dir, "none.model"), "Cook");
            Assert.Equal(2, missing.Code);
            Assert.Contains("none.model", missing.Error, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(dir, "bad.model"), "not a model");
            var foreign = Run("onet", "classify", "--model", Path.Combine(dir, "bad.model"), "Cook");
            Assert.Equal(2, foreign.Code);
            Assert.Contains("bad.model", foreign.Error, StringComparison.Ordinal);

            var badCount = Run("onet", "train", "--onet", onet, "--out", model, "--max-titles", "-1");
            Assert.Equal(2, badCount.Code);
            Assert.Contains("--max-titles -1", badCount.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"^\d{2}-\d{4}\.\d{2}\s+-?\d+\.\d{4}\s+\S")]
    private static partial Regex CodeLine();

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        // The test assembly runs its tests one at a time (AssemblyInfo), so swapping the console's writers is safe here.
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = JobRec.Cli.Program.BuildRoot().Parse(args).Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
