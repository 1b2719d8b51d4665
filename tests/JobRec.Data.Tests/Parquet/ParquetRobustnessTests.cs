using JobRec.Data.Parquet;
using JobRec.Data.Parquet.Reading;

namespace JobRec.Data.Tests.Parquet;

/// <summary>Truncated, bit-flipped and lying files are rejected with one-line Parquet exceptions naming the file: no crash, no hang, no unbounded allocation.</summary>
public sealed class ParquetRobustnessTests : IDisposable
{
    private static readonly ParquetReadOptions SmallLimits = new() { MaxColumnChunkBytes = 64 << 20 };
    private readonly string _dir = Directory.CreateTempSubdirectory("jobrec-parquet-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("alltypes_plain.parquet")]
    [InlineData("nested_lists.snappy.parquet")]
    [InlineData("delta_byte_array.parquet")]
    [InlineData("datapage_v2.snappy.parquet")]
    [InlineData("nullable.impala.parquet")]
    [InlineData("byte_stream_split_extended.gzip.parquet")]
    [InlineData("lz4_raw_compressed_larger.parquet")]
    [InlineData("delta_length_byte_array.parquet")]
    public void Mutated_files_read_or_fail_cleanly(string name)
    {
        byte[] original = File.ReadAllBytes(ParquetTestData.File(name));
        var random = new Random(name.Length);
        int rejected = 0;
        for (int trial = 0; trial < 120; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++)
            {
                // Bias towards the footer, where a lie about sizes and counts does the most damage.
                int at = random.Next(2) == 0 ? random.Next(4, bytes.Length - 8) : random.Next(Math.Max(4, bytes.Length - 400), bytes.Length - 8);
                bytes[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => 0xFF, _ => (byte)(bytes[at] ^ (1 << random.Next(8))) };
            }

            string path = Path.Combine(_dir, $"{trial}-{name}");
            File.WriteAllBytes(path, bytes);
            var outcome = Record.Exception(() => ParquetConformanceTests.ReadAll(path, SmallLimits, checkRowCount: false));
            if (outcome is not null)
            {
                Assert.True(outcome is ParquetFormatException or ParquetUnsupportedException, $"trial {trial}: {outcome}");
                Assert.Contains(path, outcome.Message);
                Assert.DoesNotContain('\n', outcome.Message);
                rejected++;
            }

            File.Delete(path);
        }

        Assert.True(rejected > 0, "no mutation was detected at all");
    }

    [Fact]
    public void Truncated_files_name_the_file()
    {
        byte[] original = File.ReadAllBytes(ParquetTestData.File("alltypes_plain.snappy.parquet"));
        foreach (int length in new[] { 0, 3, 11, 100, original.Length / 2, original.Length - 1 })
        {
            string path = Path.Combine(_dir, $"cut-{length}.parquet");
            File.WriteAllBytes(path, original[..length]);
            var e = Assert.Throws<ParquetFormatException>(() => ParquetConformanceTests.ReadAll(path));
            Assert.Contains(path, e.Message);
            Assert.StartsWith("malformed parquet: ", e.Message);
        }
    }

    [Fact]
    public void Lying_footer_length_is_rejected()
    {
        byte[] bytes = File.ReadAllBytes(ParquetTestData.File("alltypes_plain.parquet"));
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, bytes.Length - 8);
        string path = Path.Combine(_dir, "lying.parquet");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Column_chunk_larger_than_the_limit_is_refused_before_decoding()
    {
        var e = Assert.Throws<ParquetUnsupportedException>(() => ParquetConformanceTests.ReadAll(ParquetTestData.File("alltypes_plain.parquet"), new ParquetReadOptions { MaxColumnChunkBytes = 16 }));
        Assert.Contains("column chunk of", e.Message);
        Assert.Contains("row group 0", e.Message);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => ParquetFileReader.Open(Path.Combine(_dir, "absent.parquet")));
    }
}
