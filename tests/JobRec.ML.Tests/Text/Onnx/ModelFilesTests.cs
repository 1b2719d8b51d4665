using JobRec.ML.Text;
using JobRec.ML.Text.Onnx;

namespace JobRec.ML.Tests.Text.Onnx;

public sealed class ModelFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jobrec-onnx-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_missing_model_file_gives_one_line_naming_the_file_and_the_restore_command()
    {
        var e = Assert.Throws<ModelNotFoundException>(() => OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, directory: _directory));
        Assert.Contains(Path.Combine(_directory, "model.onnx"), e.Message);
        Assert.Contains("deploy/setup.sh", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_corrupt_model_file_is_refused_before_onnx_runtime_reads_it()
    {
        var installed = PretrainedEncoderModel.ArcticXs.CacheDirectory;
        File.Copy(Path.Combine(installed, "vocab.txt"), Path.Combine(_directory, "vocab.txt"));
        var model = File.ReadAllBytes(Path.Combine(installed, "model.onnx"));
        model[model.Length / 2] ^= 0x5A;
        File.WriteAllBytes(Path.Combine(_directory, "model.onnx"), model);
        var e = Assert.Throws<ModelNotFoundException>(() => OnnxSentenceEncoder.Load(PretrainedEncoderModel.ArcticXs, directory: _directory));
        Assert.StartsWith($"model file corrupt: {Path.Combine(_directory, "model.onnx")}", e.Message);
        Assert.Contains("deploy/setup.sh", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_truncated_vocabulary_is_refused()
    {
        var path = Path.Combine(_directory, "vocab.txt");
        File.WriteAllLines(path, ["[PAD]", "[UNK]", "hello"]);
        var e = Assert.Throws<ModelNotFoundException>(() => ModelFileCheck.Verify(path, PretrainedEncoderModel.MiniLm.VocabularySha256));
        Assert.Contains(path, e.Message);
        Assert.Throws<InvalidDataException>(() => WordPieceTokenizer.Load(path));
    }

    [Fact]
    public void The_digests_in_the_code_are_the_ones_setup_sh_checks()
    {
        var file = FindUp(Path.Combine("deploy", "models.sha256"));
        var digests = File.ReadAllLines(file).Where(l => l.Length > 0)
            .Select(l => l.Split("  ", 2)).ToDictionary(p => p[1], p => p[0]);
        foreach (var model in PretrainedEncoderModel.All)
        {
            Assert.Equal(digests[$"{model.Name}/model.onnx"], model.ModelSha256);
            Assert.Equal(digests[$"{model.Name}/vocab.txt"], model.VocabularySha256);
        }
        Assert.Equal(2 * PretrainedEncoderModel.All.Count, digests.Count);
    }

    [Fact]
    public void The_catalog_names_every_encoder_and_refuses_others()
    {
        Assert.Equal(["minilm", "arctic-xs", "minilm-onet", "use-lite", "hashed"], TextEncoderCatalog.Names);
        var e = Assert.Throws<ArgumentException>(() => TextEncoderCatalog.Create("bert-large"));
        Assert.Contains("minilm, arctic-xs, minilm-onet, use-lite, hashed", e.Message);
        var lines = new List<string>();
        using var encoder = (IDisposable)TextEncoderCatalog.Create("arctic-xs", new OnnxEncoderOptions(IntraOpThreads: 1), lines.Add);
        Assert.Equal(384, ((ITextEncoder)encoder).Dimension);
        Assert.Contains(lines, l => l.StartsWith("encoder arctic-xs: snowflake-arctic-embed-xs") && l.Contains("on CPU"));
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
