using JobRec.ML.Numerics;

namespace JobRec.ML.Tests.Numerics;

public sealed class KernelTests
{
    [Fact]
    public void Strided_sgemm_multiplies_sub_matrices()
    {
        // A is the left 2x2 block of a 2x3 matrix, B the 2x2 identity scaled by 2: C = 2A.
        float[] a = [1, 2, 99, 3, 4, 99];
        float[] b = [2, 0, 0, 2];
        var c = new float[4];
        CpuComputeBackend.Instance.MatMul(false, false, 2, 2, 2, 1f, a, 3, b, 2, 0f, c, 2);
        Assert.Equal([2f, 4f, 6f, 8f], c);
        Assert.Throws<ArgumentException>(() => Blas.Sgemm(false, false, 2, 2, 2, 1f, a, 1, b, 2, 0f, c, 2));
    }

    [Fact]
    public void Layer_norm_gives_zero_mean_unit_variance_before_scale_and_bias()
    {
        float[] x = [1, 2, 3, 4, 10, 10, 10, 10];
        var y = new float[8];
        LayerNormalization.Apply(x, y, 4, [1, 1, 1, 1], [0, 0, 0, 0]);
        Assert.Equal(0f, y.Take(4).Sum(), 4);
        Assert.Equal(1f, y.Take(4).Select(v => v * v).Average(), 3);
        Assert.All(y.Skip(4), v => Assert.Equal(0f, v, 4));
        Assert.Throws<ArgumentException>(() => LayerNormalization.Apply(x, y, 3, [1, 1, 1], [0, 0, 0]));
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_survive_large_values()
    {
        float[] v = [1000, 1001, 1002, 0, 0, 0];
        Softmax.RowsInPlace(v, 3);
        Assert.Equal(1f, v[0] + v[1] + v[2], 5);
        Assert.True(v[2] > v[1] && v[1] > v[0]);
        Assert.Equal(1f / 3, v[3], 5);
        Assert.Equal(MathF.Log(3) + 0f, Softmax.LogSumExp([0f, 0f, 0f]), 5);
    }

    [Fact]
    public void Gelu_derivative_matches_finite_difference()
    {
        foreach (var x in new[] { -3f, -0.5f, 0f, 0.7f, 2.5f })
        {
            float h = 1e-3f;
            float[] plus = [x + h], minus = [x - h];
            Activations.Gelu(plus);
            Activations.Gelu(minus);
            Assert.Equal((plus[0] - minus[0]) / (2 * h), Activations.GeluDerivative(x), 2);
        }
    }

    [Fact]
    public void Adam_minimises_a_quadratic()
    {
        var p = new float[] { 5f, -3f };
        var adam = new AdamOptimizer(2, learningRate: 0.1f);
        for (int i = 0; i < 500; i++) adam.Step(p, [2 * (p[0] - 1), 2 * (p[1] + 2)]);
        Assert.Equal(1f, p[0], 1);
        Assert.Equal(-2f, p[1], 1);
    }
}
