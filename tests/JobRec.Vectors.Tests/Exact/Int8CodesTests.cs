using System.Runtime.Intrinsics.X86;
using JobRec.Vectors.Index;

namespace JobRec.Vectors.Tests.Exact;

public sealed class Int8CodesTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(37)]
    [InlineData(4096)]
    public void The_vector_inner_product_equals_the_scalar_one(int dimension)
    {
        var random = new Random(dimension);
        var codes = new sbyte[dimension];
        var query = new short[dimension];
        for (var trial = 0; trial < 20; trial++)
        {
            for (var i = 0; i < dimension; i++)
            {
                codes[i] = (sbyte)random.Next(-127, 128);
                query[i] = (short)random.Next(-16383, 16384);
            }

            var reference = Int8Codes.DotScalar(codes, query);
            Assert.Equal(reference, Int8Codes.Dot(codes, query));
            if (Avx2.IsSupported)
            {
                Assert.Equal(reference, Int8Codes.DotAvx2(codes, query));
            }
        }
    }

    [Fact]
    public void The_largest_codes_at_the_largest_dimension_do_not_overflow()
    {
        var codes = Enumerable.Repeat((sbyte)127, Int8Codes.MaxDimension).ToArray();
        var query = Enumerable.Repeat((short)16383, Int8Codes.MaxDimension).ToArray();

        Assert.Equal(127L * 16383 * Int8Codes.MaxDimension, Int8Codes.Dot(codes, query));
        Assert.Equal(-127L * 16383 * Int8Codes.MaxDimension, Int8Codes.Dot(codes, query.Select(q => (short)-q).ToArray()));
    }

    [Fact]
    public void Decoded_inner_products_stay_within_two_thousandths_of_the_exact_ones_for_512_d_unit_vectors()
    {
        const int dim = 512;
        var vectors = TestVectors.Unit(200, dim, seed: 11);
        var queries = TestVectors.Unit(20, dim, seed: 12);
        var codes = new sbyte[dim];
        var queryCodes = new short[dim];
        var worst = 0.0;
        for (var q = 0; q < 20; q++)
        {
            var query = queries.AsSpan(q * dim, dim);
            var queryScale = Int8Codes.EncodeQuery(query, queryCodes);
            for (var v = 0; v < 200; v++)
            {
                var vector = vectors.AsSpan(v * dim, dim);
                var scale = Int8Codes.Encode(vector, codes);
                double exact = 0;
                for (var i = 0; i < dim; i++)
                {
                    exact += query[i] * vector[i];
                }

                worst = Math.Max(worst, Math.Abs((Int8Codes.Dot(codes, queryCodes) * (double)scale * queryScale) - exact));
            }
        }

        // Rounding error per value is uniform within half a step (max |x| / 127), so the score's error has a standard deviation of about
        // max |x| / 440: 4e-4 here, and the worst of these 4,000 pairs was 1.2e-3.
        Assert.InRange(worst, 0, 2e-3);
    }

    [Fact]
    public void A_zero_vector_encodes_to_zero_codes_and_scale()
    {
        var codes = new sbyte[] { 5, 5, 5 };
        var query = new short[] { 5, 5, 5 };

        Assert.Equal(0f, Int8Codes.Encode(new float[3], codes));
        Assert.Equal(0f, Int8Codes.EncodeQuery(new float[3], query));
        Assert.All(codes, c => Assert.Equal(0, c));
        Assert.All(query, c => Assert.Equal(0, c));
    }

    [Fact]
    public void Decoding_then_encoding_again_gives_the_same_codes()
    {
        var vector = TestVectors.Unit(1, 64, seed: 13);
        var codes = new sbyte[64];
        var again = new sbyte[64];
        var decoded = new float[64];
        var scale = Int8Codes.Encode(vector, codes);
        Int8Codes.Decode(codes, scale, decoded);

        Assert.Equal(scale, Int8Codes.Encode(decoded, again), 6);
        Assert.Equal(codes, again);
    }
}
