using JobRec.ML.Numerics;
using JobRec.ML.Onet.EncoderTuning;
using JobRec.ML.Text;
using JobRec.ML.Text.Onnx;

namespace JobRec.ML.Tests.Onet.EncoderTuning;

public sealed class FineTunedEncoderTests(TinyTuningFixture tiny) : IClassFixture<TinyTuningFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("minilm-onet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_written_encoder_loads_and_encodes_as_the_trained_layers_do()
    {
        var stack = tiny.Train(out var losses);
        var result = new EncoderTuningResult(tiny.Graph, stack, losses, [], tiny.Pairs.AnchorText.Count);
        var vocabulary = Path.Combine(PretrainedEncoderModel.MiniLm.CacheDirectory, "vocab.txt");
        var written = OnetEncoderTuning.Write(result, _dir, FineTunedEncoder.MiniLmOnet, PretrainedEncoderModel.MiniLm, vocabulary, [("layers", "1")]);
        Assert.Equal(FineTunedEncoder.Sha256(Path.Combine(_dir, "model.onnx")), written.ModelSha256);
        Assert.NotEqual(PretrainedEncoderModel.MiniLm.ModelSha256, written.ModelSha256);

        using var encoder = FineTunedEncoder.Load(FineTunedEncoder.MiniLmOnet, new OnnxEncoderOptions(IntraOpThreads: 1), _dir);
        Assert.Equal($"minilm-onet sha256={written.ModelSha256}", EncoderIdentity.Of(new DiskCachedTextEncoder(encoder, null)));
        var texts = tiny.Pairs.Texts;
        var fromOnnx = encoder.Encode(texts);
        var fromStack = LayerContrastiveTrainer.Embed(stack, tiny.States, Enumerable.Range(0, texts.Count).ToArray());
        using var plain = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 1));
        var before = plain.Encode(texts);
        float lowestToBase = 1;
        for (int i = 0; i < texts.Count; i++)
        {
            float cosine = MatrixRows.Cosine(fromOnnx.AsSpan(i * 384, 384), fromStack.AsSpan(i * 384, 384));
            Assert.True(cosine > 0.9999f, $"'{texts[i]}': cosine {cosine} between ONNX Runtime and the trained layers");
            lowestToBase = Math.Min(lowestToBase, MatrixRows.Cosine(fromOnnx.AsSpan(i * 384, 384), before.AsSpan(i * 384, 384)));
        }
        Assert.True(lowestToBase < 0.999f, $"fine-tuned vectors all within cosine {lowestToBase} of MiniLM's");
        // Stale vectors of another fine-tuning are never reused: the embedding cache is named by the model file's digest.
        Assert.Equal($"minilm-onet-{written.ModelSha256[..16]}.bin", Path.GetFileName(TextEncoderCatalog.EmbeddingCacheFile(FineTunedEncoder.MiniLmOnet, encoder)));
        Assert.Equal("minilm.bin", Path.GetFileName(TextEncoderCatalog.EmbeddingCacheFile("minilm", plain)));
    }

    [Fact]
    public void A_missing_or_mismatched_encoder_is_refused_in_one_line_naming_the_command()
    {
        var missing = Assert.Throws<ModelNotFoundException>(() => FineTunedEncoder.Load(FineTunedEncoder.MiniLmOnet, null, Path.Combine(_dir, "none")));
        Assert.Contains("encoder.txt not found", missing.Message);
        Assert.Contains("jobrec onet fine-tune-encoder", missing.Message);

        File.WriteAllText(Path.Combine(_dir, "model.onnx"), "not a model");
        File.Copy(Path.Combine(PretrainedEncoderModel.MiniLm.CacheDirectory, "vocab.txt"), Path.Combine(_dir, "vocab.txt"));
        FineTunedEncoder.WriteManifest(_dir, FineTunedEncoder.MiniLmOnet, PretrainedEncoderModel.MiniLm, []);
        File.WriteAllText(Path.Combine(_dir, "model.onnx"), "another model");
        var corrupt = Assert.Throws<ModelNotFoundException>(() => FineTunedEncoder.Load(FineTunedEncoder.MiniLmOnet, null, _dir));
        Assert.DoesNotContain('\n', corrupt.Message);
        Assert.Contains("model.onnx", corrupt.Message);
        Assert.Contains("make it again with jobrec onet fine-tune-encoder", corrupt.Message);
    }
}
