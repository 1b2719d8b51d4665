using JobRec.Data.Parquet.Encodings;

namespace JobRec.Data.Tests.Parquet;

/// <summary>The RLE / bit-packing hybrid encoder and decoder agree, and the decoder refuses short input.</summary>
public sealed class RleBitPackedHybridTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(8, 3)]
    [InlineData(13, 4)]
    [InlineData(20, 5)]
    public void RandomRunsRoundTrip(int bitWidth, int seed)
    {
        var random = new Random(seed);
        var values = new List<int>();
        while (values.Count < 5000)
        {
            int v = random.Next(1 << bitWidth);
            int run = random.Next(3) == 0 ? random.Next(8, 200) : 1;
            values.AddRange(Enumerable.Repeat(v, run));
        }

        var buffer = new GrowableBuffer();
        RleBitPackedHybridEncoder.Encode(values.ToArray(), bitWidth, buffer);
        var decoded = new int[values.Count];
        RleBitPackedHybridDecoder.Decode(buffer.Written, bitWidth, decoded);
        Assert.Equal(values, decoded);
        Assert.True(buffer.Length < values.Count * Math.Max(bitWidth, 1) / 8 + 64, "runs were not compressed");
    }

    [Fact]
    public void ShortInputIsRefused()
    {
        var buffer = new GrowableBuffer();
        RleBitPackedHybridEncoder.Encode(Enumerable.Range(0, 100).Select(i => i % 4).ToArray(), 2, buffer);
        var e = Assert.Throws<PageDataException>(() => RleBitPackedHybridDecoder.Decode(buffer.Written, 2, new int[200]));
        Assert.Contains("of 200 values", e.Message);
    }
}
