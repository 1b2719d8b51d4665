using JobRec.ML.Numerics;
using JobRec.ML.Tests.Language;
using JobRec.ML.Text.UseLite;

namespace JobRec.ML.Tests.Text;

public sealed class TrainableUseLiteTests(UseLiteModelFixture model) : IClassFixture<UseLiteModelFixture>
{
    [Fact]
    public void Forward_pass_of_the_copy_equals_the_pretrained_encoder()
    {
        var trainable = TrainableUseLite.From(model.Encoder);
        foreach (var group in new[] { "Registered Nurse", "Java Developer", "Senior Staff Accountant", "Nurse", "Bake Off Decorator", "Pediatric ICU Staff Nurse" }
                     .GroupBy(t => model.Encoder.Tokenizer.Encode(t).Length))
        {
            var titles = group.ToArray();
            var tokens = titles.SelectMany(t => model.Encoder.Tokenizer.Encode(t)).ToArray();
            var output = trainable.Forward(tokens, titles.Length, group.Key);
            MatrixRows.L2Normalize(output, TrainableUseLite.OutputDim);
            var expected = model.Encoder.Encode(titles);
            for (int i = 0; i < titles.Length; i++)
            {
                float cosine = MatrixRows.Cosine(output.AsSpan(i * 512, 512), expected.AsSpan(i * 512, 512));
                Assert.True(cosine > 0.99999f, $"'{titles[i]}': cosine {cosine}");
            }
        }
    }

    [Fact]
    public void Gradients_of_every_weight_kind_match_finite_differences()
    {
        var trainable = TrainableUseLite.From(model.Encoder);
        var tokens = new[] { "Staff Nurse", "Data Analyst" }.SelectMany(t => model.Encoder.Tokenizer.Encode(t).Take(3).Concat(Enumerable.Repeat(5, 3)).Take(3)).ToArray();
        var r = GradientCheck.Random(2 * TrainableUseLite.OutputDim, 3);
        double Loss() => GradientCheck.Dot(trainable.Forward(tokens, 2, 3), r);
        Loss();
        trainable.ZeroGradients();
        trainable.Backward(r);
        // The embedding rows of the tokens used, then the layer and projection weights (everything after the embedding table).
        int table = trainable.VocabularySize * 256;
        var embeddingRows = tokens.Distinct().SelectMany(id => Enumerable.Range(0, 12).Select(j => id * 256 + j * 21)).ToArray();
        Check("embeddings", embeddingRows);
        var rng = new Random(11);
        Check("layers and projection", Enumerable.Range(0, 120).Select(_ => table + rng.Next(trainable.Parameters.Length - table)).ToArray());

        // Float32 through two layers of ReLU units makes single finite differences noisy (a few per cent), so each entry gets a loose bound and the
        // whole set a tight one: a wrong term (a missing factor, a transposed product) moves the set's relative error far past 5%.
        void Check(string what, int[] indices)
        {
            const float eps = 1e-3f;
            double diffSq = 0, sumSq = 0;
            foreach (int i in indices)
            {
                float v = trainable.Parameters[i];
                trainable.Parameters[i] = v + eps;
                double plus = Loss();
                trainable.Parameters[i] = v - eps;
                double minus = Loss();
                trainable.Parameters[i] = v;
                double numeric = (plus - minus) / (2 * eps), analytic = trainable.Gradients[i];
                Assert.True(Math.Abs(analytic - numeric) <= 0.02 + 0.25 * Math.Abs(numeric), $"{what}[{i}]: analytic {analytic:G5} vs numeric {numeric:G5}");
                diffSq += (analytic - numeric) * (analytic - numeric);
                sumSq += numeric * numeric;
            }
            Assert.True(sumSq > 1e-6, $"{what}: all gradients are zero, the check proves nothing");
            Assert.True(Math.Sqrt(diffSq / sumSq) < 0.05, $"{what}: relative error {Math.Sqrt(diffSq / sumSq):G3} over {indices.Length} entries");
        }
    }

    [Fact]
    public void Forward_refuses_a_token_outside_the_vocabulary_and_a_bad_shape()
    {
        var trainable = TrainableUseLite.From(model.Encoder);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainable.Forward([1, trainable.VocabularySize], 1, 2));
        Assert.Contains("position 1", e.Message);
        Assert.Throws<ArgumentException>(() => trainable.Forward([1, 2, 3], 2, 2));
        Assert.Throws<InvalidOperationException>(() => TrainableUseLite.From(model.Encoder).Backward(new float[512]));
    }
}
