using System.Runtime.Intrinsics;
using JobRec.Vectors.Index;
using Xunit.Abstractions;

namespace JobRec.Vectors.Tests.Index;

public sealed class DotProductTests(ITestOutputHelper output)
{
    private static readonly int[] Lengths = [0, 1, 7, 8, 9, 31, 32, 33, 40, 63, 64, 100, 384, 385, 512, 767, 1024];

    [Fact]
    public void Every_kernel_the_machine_accelerates_equals_the_scalar_reference_bit_for_bit()
    {
        var kernels = AcceleratedKernels();
        output.WriteLine($"kernels checked against the scalar reference: {string.Join(", ", kernels.Select(k => k.Name).DefaultIfEmpty("none accelerated"))}; " +
                         $"512-bit {(Vector512.IsHardwareAccelerated ? "covered" : "not covered (the CPU lacks it or DOTNET_EnableAVX512=0)")}");
        var random = new Random(18);
        foreach (var n in Lengths)
        {
            for (var trial = 0; trial < 25; trial++)
            {
                var a = RandomVector(random, n);
                var b = RandomVector(random, n);
                var reference = DotProduct.OfScalar(a, b);
                foreach (var (name, kernel) in kernels)
                {
                    var got = kernel(a, b);
                    Assert.True(BitConverter.SingleToInt32Bits(reference) == BitConverter.SingleToInt32Bits(got),
                        $"{name} kernel, length {n}, trial {trial}: {got:R} differs from the scalar reference {reference:R}");
                }

                Assert.Equal(BitConverter.SingleToInt32Bits(reference), BitConverter.SingleToInt32Bits(DotProduct.Of(a, b)));
            }
        }
    }

    [Fact]
    public void The_scalar_reference_is_an_inner_product_within_float_rounding()
    {
        var random = new Random(7);
        foreach (var n in Lengths)
        {
            var a = RandomVector(random, n);
            var b = RandomVector(random, n);
            double exact = 0, magnitude = 0;
            for (var i = 0; i < n; i++)
            {
                exact += (double)a[i] * b[i];
                magnitude += Math.Abs((double)a[i] * b[i]);
            }

            // Any summation order of n float products is within about n x 2^-24 of the sum of magnitudes.
            Assert.InRange(DotProduct.OfScalar(a, b), exact - (1e-7 * n * (magnitude + 1)), exact + (1e-7 * n * (magnitude + 1)));
        }
    }

    [Fact]
    public void Only_the_shorter_length_counts()
    {
        float[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        float[] b = [1, 1, 1];
        Assert.Equal(6f, DotProduct.Of(a, b));
        Assert.Equal(6f, DotProduct.Of(b, a));
        Assert.Equal(0f, DotProduct.Of(a, []));
    }

    private static List<(string Name, Func<float[], float[], float> Kernel)> AcceleratedKernels()
    {
        var kernels = new List<(string, Func<float[], float[], float>)>();
        if (Vector128.IsHardwareAccelerated)
        {
            kernels.Add(("128-bit", (a, b) => DotProduct.Of128(a, b)));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            kernels.Add(("256-bit", (a, b) => DotProduct.Of256(a, b)));
        }

        if (Vector512.IsHardwareAccelerated)
        {
            kernels.Add(("512-bit", (a, b) => DotProduct.Of512(a, b)));
        }

        return kernels;
    }

    private static float[] RandomVector(Random random, int n)
    {
        var v = new float[n];
        for (var i = 0; i < n; i++)
        {
            // Mixed magnitudes make rounding depend on the order of operations.
            v[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 3)));
        }

        return v;
    }
}
