using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Recommenders;

public class FactorizationMachineTests
{
    // The textbook O(k n²) definition, to check the O(k n) identity.
    private static float Naive(FactorizationMachine fm, int[] idx, float[] val)
    {
        int k = fm.Factors;
        double y = fm.Bias;
        for (int a = 0; a < idx.Length; a++)
        {
            y += fm.Weights[idx[a]] * val[a];
            for (int b = a + 1; b < idx.Length; b++)
            {
                double dot = 0;
                for (int f = 0; f < k; f++) dot += fm.FactorValues[idx[a] * k + f] * fm.FactorValues[idx[b] * k + f];
                y += dot * val[a] * val[b];
            }
        }
        return (float)y;
    }

    [Theory]
    [InlineData(32)]
    [InlineData(5)]
    public void Score_equals_the_pairwise_definition(int k)
    {
        var fm = new FactorizationMachine(50, k, seed: 3, initialScale: 0.5f);
        var rng = new Random(1);
        for (int i = 0; i < fm.Weights.Length; i++) fm.Weights[i] = (float)rng.NextDouble() - 0.5f;
        fm.Bias = 0.25f;
        int[] idx = [3, 17, 42, 49];
        float[] val = [1f, 0.5f, -2f, 0.1f];
        Assert.Equal(Naive(fm, idx, val), fm.Score(idx, val), 3);
    }

    [Fact]
    public void Bpr_steps_match_a_numerical_gradient_and_learn_to_rank_the_positive_first()
    {
        var fm = new FactorizationMachine(20, 8, seed: 5, initialScale: 0.3f);
        int[] pos = [0, 5, 19], neg = [0, 6, 19];
        float[] posVal = [1f, 1f, 0.8f], negVal = [1f, 1f, 0.1f];
        var scratch = new float[fm.ScratchLength(3)];

        // One tiny step changes the score difference by about lr * |gradient|² (gradient ascent on ln σ(x)).
        float before = fm.Score(pos, posVal) - fm.Score(neg, negVal);
        float loss = fm.BprStep(pos, posVal, neg, negVal, 1e-3f, 0, 0, scratch);
        float after = fm.Score(pos, posVal) - fm.Score(neg, negVal);
        Assert.Equal(MathF.Log(1 + MathF.Exp(-before)), loss, 4);
        Assert.True(after > before, $"difference did not grow: {before} -> {after}");

        for (int i = 0; i < 300; i++) fm.BprStep(pos, posVal, neg, negVal, 0.05f, 1e-4f, 1e-4f, scratch);
        Assert.True(fm.Score(pos, posVal) - fm.Score(neg, negVal) > 3);
    }

    [Fact]
    public void Out_of_range_feature_is_reported_with_its_position()
    {
        var fm = new FactorizationMachine(4, 8);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => fm.Score([1, 9], [1f, 1f]));
        Assert.Contains("position 1", e.Message);
    }

    [Fact]
    public void Save_and_load_round_trip()
    {
        var fm = new FactorizationMachine(30, 16, seed: 2, initialScale: 0.2f);
        fm.Weights[4] = 1.5f;
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, true)) fm.Save(w);
        stream.Position = 0;
        var loaded = FactorizationMachine.Load(new BinaryReader(stream));
        Assert.Equal(fm.Score([4, 7], [1f, 0.3f]), loaded.Score([4, 7], [1f, 0.3f]));
    }
}
