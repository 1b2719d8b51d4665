using System.Text.RegularExpressions;

namespace JobRec.Cli.Tests.Commands;

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
            var onet = Path.Combine(SharedData.Root, "onet");
            var train = Run("onet", "train", "--onet", onet, "--model", model, "--max-titles", "2000", "--no-rerank", "--no-head");
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

            // The default encoder is MiniLM: the model holds its probe embeddings, so loading it with USE-Lite is refused,
            // and its model file's digest, so Arctic (same shape, other file) is refused by name and digest.
            Assert.Contains("encoder=minilm", File.ReadAllText(model, System.Text.Encoding.Latin1), StringComparison.Ordinal);
            var mismatch = Run("onet", "classify", "--model", model, "--encoder", "use-lite", "Cook");
            Assert.Equal(2, mismatch.Code);
            Assert.Contains("train the O*NET model again with this encoder", mismatch.Error, StringComparison.Ordinal);
            var other = Run("onet", "classify", "--model", model, "--encoder", "arctic-xs", "Cook");
            Assert.Equal(2, other.Code);
            Assert.Single(other.Error.Trim().Split('\n'));
            Assert.Contains("minilm", other.Error, StringComparison.Ordinal);

            // Stored without --encoder, the model is recorded under the encoder it was trained with by default.
            var store = Path.Combine(dir, "store");
            var added = Run("models", "add", "onet", model, "--store", store);
            Assert.True(added.Code == 0, added.Error);
            var listed = Run("models", "list", "--store", store);
            Assert.True(listed.Code == 0, listed.Error);
            Assert.Contains("| minilm (384-d) |", listed.Output, StringComparison.Ordinal);

            var missing = Run("onet", "classify", "--model", Path.Combine(dir, "none.model"), "Cook");
            Assert.Equal(2, missing.Code);
            Assert.Contains("none.model", missing.Error, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(dir, "bad.model"), "not a model");
            var foreign = Run("onet", "classify", "--model", Path.Combine(dir, "bad.model"), "Cook");
            Assert.Equal(2, foreign.Code);
            Assert.Contains("bad.model", foreign.Error, StringComparison.Ordinal);

            var badCount = Run("onet", "train", "--onet", onet, "--model", model, "--max-titles", "-1");
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

    [Fact]
    public void Train_with_the_fine_tuned_encoder_classifier_saves_a_model_classify_loads()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-onet-tuned-" + Guid.NewGuid().ToString("N"));
        var model = Path.Combine(dir, "onet.model");
        try
        {
            var onet = Path.Combine(SharedData.Root, "onet");
            var train = Run("onet", "train", "--onet", onet, "--model", model, "--max-titles", "600", "--no-rerank", "--no-head", "--encoder-epochs", "1", "--encoder", "use-lite");
            Assert.True(train.Code == 0, train.Error);
            Assert.Contains("fine-tuned encoder classifier epoch 1", train.Error, StringComparison.Ordinal);
            // The file holds the 7.0 M fine-tuned encoder weights (28 MB) besides the rest of the model.
            Assert.True(new FileInfo(model).Length > 28_000_000, $"{new FileInfo(model).Length} bytes");

            var classify = Run("onet", "classify", "--model", model, "--k", "1", "--encoder", "use-lite", "Registered Nurse");
            Assert.True(classify.Code == 0, classify.Error);
            var lines = classify.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(2, lines.Length);
            Assert.Matches(CodeLine(), lines[1]);

            var bad = Run("onet", "train", "--onet", onet, "--model", model, "--encoder-epochs", "-2");
            Assert.Equal(2, bad.Code);
            Assert.Contains("--encoder-epochs -2", bad.Error, StringComparison.Ordinal);

            var notUseLite = Run("onet", "train", "--onet", onet, "--model", model, "--encoder-epochs", "1", "--encoder", "minilm");
            Assert.Equal(2, notUseLite.Code);
            Assert.Contains("needs --encoder use-lite", notUseLite.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^\d{2}-\d{4}\.\d{2}\s+-?\d+\.\d{4}\s+\S")]
    private static partial Regex CodeLine();

    [Fact]
    public void Fine_tune_encoder_refuses_a_missing_O_NET_folder_or_bad_settings_in_one_line()
    {
        var output = Path.Combine(Path.GetTempPath(), "jobrec-onet-encoder-" + Guid.NewGuid().ToString("N"));
        var missing = Run("onet", "fine-tune-encoder", "--onet", Path.Combine(output, "no-onet"), "--output", output);
        Assert.Equal(2, missing.Code);
        Assert.Single(missing.Error.Trim().Split('\n'));
        Assert.Contains("no-onet", missing.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));

        var layers = Run("onet", "fine-tune-encoder", "--onet", Path.Combine(SharedData.Root, "onet"), "--layers", "7", "--output", output);
        Assert.NotEqual(0, layers.Code);
        Assert.Contains("--layers", layers.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);
}
