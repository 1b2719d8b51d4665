using JobRec.Data.Parquet.Reading;
using JobRec.Data.Parquet.Writing;
using LogicalType = ParquetSharp.LogicalType;

namespace JobRec.Data.Tests.Parquet;

/// <summary>Random tables written by the writer read back value for value, through our reader and through Parquet.Net, for every codec, with many row groups and pages.</summary>
public sealed class ParquetRoundTripTests : IDisposable
{
    private static readonly string[] Samples = ["", "a", "héllo wörld", "日本語のテキスト", "emoji 🚀👩‍💻", "tab\tnew\nline \"quoted\", comma", "\u0000nul", "Ω≈ç√∫"];
    private static readonly string[] Names = ["s_opt", "s_other", "bin", "b", "i32", "i64", "f32", "f64", "ts", "dec", "tags", "vec", "ids"];
    private readonly string _dir = Directory.CreateTempSubdirectory("jobrec-parquet-rt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(ParquetCodec.Snappy, 1)]
    [InlineData(ParquetCodec.Uncompressed, 2)]
    [InlineData(ParquetCodec.Gzip, 3)]
    [InlineData(ParquetCodec.Brotli, 4)]
    [InlineData(ParquetCodec.Zstd, 5)]
    [InlineData(ParquetCodec.Lz4, 6)]
    [InlineData(ParquetCodec.Snappy, 7, false)]
    public void Random_table_preserves_every_value(ParquetCodec codec, int seed, bool parallelColumns = true)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 700).Select(_ => RandomRow(random)).ToList();
        string path = Path.Combine(_dir, $"roundtrip-{codec}.parquet");
        using (var file = File.Create(path))
        using (var writer = new ParquetTableWriter(file, new ParquetWriteOptions { Codec = codec, RowGroupSize = 97, PageSizeBytes = 512, ParallelColumns = parallelColumns }))
        {
            Write(writer, rows);
        }

        using var reader = ParquetFileReader.Open(path, new ParquetReadOptions { BatchRows = 33, ParallelColumns = parallelColumns });
        Assert.Equal(8, reader.RowGroupCount);
        Assert.Equal(rows.Count, reader.RowCount);
        Assert.Equal(Names, reader.Fields.Select(f => f.Name));
        var read = reader.ReadRows().ToList();
        Assert.Equal(rows.Count, read.Count);
        var independent = IndependentReader.ReadRows(path);
        Assert.Equal(rows.Count, independent.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < Names.Length; c++)
            {
                string expected = IndependentReader.Canon(rows[r][c]);
                Assert.True(expected == IndependentReader.Canon(read[r][c]), $"row {r} column {Names[c]}: wrote {expected}, read {IndependentReader.Canon(read[r][c])}");
                var other = IndependentReader.Get(independent[r], Names[c]);
                bool list = rows[r][c] is Array and not byte[];
                string expectedThere = list ? IndependentReader.CanonListLoosely(rows[r][c]) : expected;
                string readThere = list ? IndependentReader.CanonListLoosely(other) : IndependentReader.Canon(other);
                Assert.True(expectedThere == readThere, $"Parquet.Net, row {r} column {Names[c]}: wrote {expectedThere}, read {readThere}");
            }
        }
    }

    [Fact]
    public void Projection_decodes_only_the_named_columns()
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 50).Select(_ => RandomRow(random)).ToList();
        string path = Path.Combine(_dir, "projection.parquet");
        using (var file = File.Create(path))
        using (var writer = new ParquetTableWriter(file))
        {
            Write(writer, rows);
        }

        using var reader = ParquetFileReader.Open(path);
        var fields = reader.SelectFields(["i32", "tags"]);
        var read = reader.ReadRows(fields).ToList();
        Assert.All(read, r => Assert.Equal(2, r.Length));
        Assert.Equal(rows.Select(r => IndependentReader.Canon(r[4])), read.Select(r => IndependentReader.Canon(r[0])));
        Assert.Equal(rows.Select(r => IndependentReader.Canon(r[10])), read.Select(r => IndependentReader.Canon(r[1])));
        var e = Assert.Throws<ArgumentException>(() => reader.SelectFields(["nope"]));
        Assert.Contains("s_opt", e.Message);
    }

    [Fact]
    public void Writer_rejects_incomplete_rows_with_the_column_name()
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetTableWriter(stream);
        var a = writer.Column<string>("a");
        writer.Column<int>("b");
        a.Add("x");
        var incomplete = Assert.Throws<InvalidOperationException>(writer.EndRow);
        Assert.Contains("column b", incomplete.Message);
        Assert.Throws<InvalidOperationException>(() => writer.Column<int>("late"));
    }

    internal static object?[] RandomRow(Random random)
    {
        string RandomString() => random.Next(10) switch
        {
            0 => new string('x', random.Next(5000, 20000)),
            < 5 => Samples[random.Next(Samples.Length)],
            _ => string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)random.Next(0x20, 0x2FF))),
        };

        bool Null() => random.Next(5) == 0;
        return
        [
            Null() ? null : RandomString(),
            Null() ? null : RandomString(),
            Null() ? null : Enumerable.Range(0, random.Next(0, 20)).Select(_ => (byte)random.Next(256)).ToArray(),
            Null() ? null : random.Next(2) == 0,
            random.Next(4) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => random.Next(int.MinValue, int.MaxValue) },
            Null() ? null : random.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => random.NextInt64(long.MinValue, long.MaxValue) },
            random.Next(6) switch { 0 => float.MaxValue, 1 => float.NaN, 2 => -0f, _ => (float)((random.NextDouble() - 0.5) * 1e6) },
            Null() ? null : random.Next(6) switch { 0 => double.MinValue, 1 => double.Epsilon, 2 => double.PositiveInfinity, _ => (random.NextDouble() - 0.5) * 1e300 },
            Null() ? null : DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(-10_000_000_000L, 10_000_000_000L) * 10 * 1000),
            Null() ? null : random.Next(4) switch { 0 => 99_999_999_999_999.9999m, 1 => -99_999_999_999_999.9999m, _ => Math.Round((decimal)(random.NextDouble() - 0.5) * 1_000_000m, 4) },
            random.Next(6) == 0 ? null : Enumerable.Range(0, random.Next(0, 5)).Select(_ => Null() ? null : RandomString()).ToArray(),
            Enumerable.Range(0, random.Next(0, 8)).Select(_ => (float)random.NextDouble()).ToArray(),
            Enumerable.Range(0, random.Next(0, 4)).Select(_ => Null() ? null : (long?)random.NextInt64()).ToArray(),
        ];
    }

    private static void Write(ParquetTableWriter writer, List<object?[]> rows)
    {
        var s = writer.Column<string?>("s_opt");
        var s2 = writer.Column<string?>("s_other", unique: true);
        var bin = writer.Column<byte[]?>("bin");
        var b = writer.Column<bool?>("b");
        var i32 = writer.Column<int>("i32");
        var i64 = writer.Column<long?>("i64");
        var f32 = writer.Column<float>("f32");
        var f64 = writer.Column<double?>("f64");
        var ts = writer.Column<DateTime?>("ts", LogicalType.Timestamp(true, ParquetSharp.TimeUnit.Micros));
        var dec = writer.Column<decimal?>("dec", LogicalType.Decimal(18, 4));
        var tags = writer.Column<string?[]?>("tags");
        var vec = writer.Column<float[]>("vec");
        var ids = writer.Column<long?[]>("ids");
        foreach (var row in rows)
        {
            s.Add((string?)row[0]);
            s2.Add((string?)row[1]);
            bin.Add((byte[]?)row[2]);
            b.Add((bool?)row[3]);
            i32.Add((int)row[4]!);
            i64.Add((long?)row[5]);
            f32.Add((float)row[6]!);
            f64.Add((double?)row[7]);
            ts.Add(((DateTimeOffset?)row[8])?.UtcDateTime);
            dec.Add((decimal?)row[9]);
            tags.Add((string?[]?)row[10]);
            vec.Add((float[])row[11]!);
            ids.Add((long?[])row[12]!);
            writer.EndRow();
        }

        writer.Finish();
    }
}
