using JobRec.ML.Numerics;
using JobRec.ML.Text;
using JobRec.ML.Text.UseLite;

namespace JobRec.ML.Tests.Text;

public sealed class UseLiteEncoderTests(UseLiteModelFixture model) : IClassFixture<UseLiteModelFixture>
{
    private static readonly GoldenEmbeddings Golden = GoldenEmbeddings.Load();

    [Fact]
    public void Tokenizer_gives_the_reference_ids_for_all_golden_sentences()
    {
        Assert.Equal(36, Golden.Sentences.Length);
        for (int i = 0; i < Golden.Sentences.Length; i++)
            Assert.True(Golden.TokenIds[i].SequenceEqual(model.Encoder.Tokenizer.Encode(Golden.Sentences[i])),
                $"sentence {i} '{Golden.Sentences[i]}' tokenized differently");
    }

    [Fact]
    public void Embeddings_match_the_reference_with_cosine_at_least_0_9999()
    {
        var vectors = model.Encoder.Encode(Golden.Sentences);
        for (int i = 0; i < Golden.Sentences.Length; i++)
        {
            var cos = MatrixRows.Cosine(vectors.AsSpan(i * 512, 512), Golden.Embeddings[i]);
            Assert.True(cos >= 0.9999f, $"sentence {i} '{Golden.Sentences[i]}' cosine {cos}");
        }
    }

    [Fact]
    public void Batched_encoding_equals_one_by_one_encoding()
    {
        var texts = new[] { "Data Engineer", "Registered nurse for hospital intensive care unit", "a" };
        var batch = model.Encoder.Encode(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            var single = model.Encoder.Encode([texts[i]]);
            Assert.True(MatrixRows.Cosine(single, batch.AsSpan(i * 512, 512)) > 0.99999f);
        }
    }

    [Fact]
    public void Empty_text_gives_a_zero_row_and_others_are_unit_length()
    {
        var v = model.Encoder.Encode(["", "nurse"]);
        Assert.All(v.AsSpan(0, 512).ToArray(), x => Assert.Equal(0f, x));
        Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Norm(v.AsSpan(512, 512)), 0.999f, 1.001f);
    }

    [Fact]
    public void Similar_job_titles_are_closer_than_unrelated_ones()
    {
        var v = model.Encoder.Encode(["software engineer", "software developer", "truck driver"]);
        float near = MatrixRows.Cosine(v.AsSpan(0, 512), v.AsSpan(512, 512));
        float far = MatrixRows.Cosine(v.AsSpan(0, 512), v.AsSpan(1024, 512));
        Assert.True(near > far + 0.1f, $"near {near} far {far}");
    }

    [Fact]
    public void Missing_model_directory_names_setup_script()
    {
        var ex = Assert.Throws<ModelNotFoundException>(() => UseLiteEncoder.Load("/nonexistent/use-lite"));
        Assert.Contains("deploy/setup.sh", ex.Message);
    }

    [Fact]
    public void Out_of_vocabulary_token_id_is_rejected_with_its_position()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => model.Encoder.EncodeTokenIds([[5, 99999]]));
        Assert.Contains("position 1", ex.Message);
    }
}
