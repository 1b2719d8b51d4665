using JobRec.Data.Parquet;
using JobRec.Data.Parquet.Reading;

namespace JobRec.Data.Tests.Parquet;

/// <summary>Truncated, bit-flipped and lying files are rejected with Parquet exceptions: no crash, no hang, no unbounded allocation.</summary>
public sealed class ParquetRobustnessTests
{
    private static readonly ParquetReadOptions SmallLimits = new() { MaxPageBytes = 4 << 20, MaxValuesPerPage = 1 << 20 };

    [Theory]
    [InlineData("alltypes_plain.parquet")]
    [InlineData("nested_lists.snappy.parquet")]
    [InlineData("delta_byte_array.parquet")]
    [InlineData("datapage_v2.snappy.parquet")]
    [InlineData("nullable.impala.parquet")]
    [InlineData("byte_stream_split_extended.gzip.parquet")]
    public void MutatedFilesReadOrFailCleanly(string name)
    {
        byte[] original = File.ReadAllBytes(ParquetTestData.File(name));
        var random = new Random(name.Length);
        int rejected = 0;
        for (int trial = 0; trial < 150; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++)
            {
                int at = random.Next(4, bytes.Length - 8);
                bytes[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => 0xFF, _ => (byte)(bytes[at] ^ (1 << random.Next(8))) };
            }

            try
            {
                using var reader = ParquetFileReader.Open(new MemoryStream(bytes), $"{name}#{trial}", SmallLimits);
                foreach (var _ in reader.ReadRows())
                {
                }
            }
            catch (Exception e) when (e is ParquetFormatException or ParquetUnsupportedException)
            {
                Assert.Contains($"{name}#{trial}", e.Message);
                rejected++;
            }
        }

        Assert.True(rejected > 0, "no mutation was detected at all");
    }

    [Fact]
    public void TruncatedFilesNameFileAndOffset()
    {
        byte[] original = File.ReadAllBytes(ParquetTestData.File("alltypes_plain.snappy.parquet"));
        foreach (int length in new[] { 0, 3, 11, 100, original.Length / 2, original.Length - 1 })
        {
            var e = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(new MemoryStream(original[..length]), "cut.parquet").ReadRows().ToList());
            Assert.Contains("cut.parquet at offset", e.Message);
        }
    }

    [Fact]
    public void LyingFooterLengthIsRejectedBeforeAllocating()
    {
        byte[] bytes = File.ReadAllBytes(ParquetTestData.File("alltypes_plain.parquet"));
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, bytes.Length - 8);
        var e = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(new MemoryStream(bytes), "lying.parquet"));
        Assert.Contains("footer length", e.Message);
    }

    [Fact]
    public void PageLargerThanTheLimitIsRefused()
    {
        var e = Assert.Throws<ParquetUnsupportedException>(() => ParquetConformanceTests.ReadAll(ParquetTestData.File("alltypes_plain.parquet"), new ParquetReadOptions { MaxPageBytes = 16 }));
        Assert.Contains("page limit", e.Message);
    }
}
