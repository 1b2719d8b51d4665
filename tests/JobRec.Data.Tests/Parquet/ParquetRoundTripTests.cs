using JobRec.Data.Parquet.Format;
using JobRec.Data.Parquet.Reading;
using JobRec.Data.Parquet.Writing;

namespace JobRec.Data.Tests.Parquet;

/// <summary>Random tables written by the writer read back value for value, for every codec, with many row groups and pages.</summary>
public sealed class ParquetRoundTripTests
{
    private static readonly string[] Samples = ["", "a", "héllo wörld", "日本語のテキスト", "emoji 🚀👩‍💻", "tab\tnew\nline \"quoted\", comma", "\u0000nul", "Ω≈ç√∫"];

    private static readonly ParquetColumnSpec[] Columns =
    [
        new("s_req", ParquetValueKind.String),
        new("s_opt", ParquetValueKind.String) { Nullable = true },
        new("bin", ParquetValueKind.Binary) { Nullable = true },
        new("b", ParquetValueKind.Boolean) { Nullable = true },
        new("i32", ParquetValueKind.Int32),
        new("i64", ParquetValueKind.Int64) { Nullable = true },
        new("f32", ParquetValueKind.Float),
        new("f64", ParquetValueKind.Double) { Nullable = true },
        new("ts", ParquetValueKind.TimestampMicros) { Nullable = true },
        new("dec", ParquetValueKind.Decimal) { Nullable = true, DecimalScale = 4 },
        new("tags", ParquetValueKind.String) { IsList = true, Nullable = true, ElementNullable = true },
        new("vec", ParquetValueKind.Float) { IsList = true },
        new("ids", ParquetValueKind.Int64) { IsList = true, ElementNullable = true },
    ];

    [Theory]
    [InlineData(CompressionCodec.Snappy, 1)]
    [InlineData(CompressionCodec.Uncompressed, 2)]
    [InlineData(CompressionCodec.Gzip, 3)]
    [InlineData(CompressionCodec.Brotli, 4)]
    public void RandomTablePreservesEveryValue(CompressionCodec codec, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 700).Select(_ => RandomRow(random)).ToList();
        var options = new ParquetWriteOptions { Codec = codec, RowGroupSize = 97, PageSizeBytes = 512 };
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, Columns, options))
        {
            foreach (var row in rows)
            {
                Add(writer, row);
                writer.EndRow();
            }
        }

        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "roundtrip.parquet");
        Assert.Equal(8, reader.RowGroupCount);
        Assert.Equal(rows.Count, reader.RowCount);
        Assert.True(reader.FileMetaData.RowGroups[0].Columns[0].MetaData!.Codec == codec);
        var read = reader.ReadRows().ToList();
        Assert.Equal(rows.Count, read.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < Columns.Length; c++)
            {
                Assert.True(SameValue(rows[r][c], read[r][c]), $"row {r} column {Columns[c].Name}: wrote {ParquetKnownContentTests.Show(rows[r][c])}, read {ParquetKnownContentTests.Show(read[r][c])}");
            }
        }
    }

    [Fact]
    public void WriterUsesDictionariesStatisticsAndChecksums()
    {
        using var stream = new MemoryStream();
        ParquetColumnSpec[] columns = [new("city", ParquetValueKind.String), new("n", ParquetValueKind.Int64) { Nullable = true }, new("unique", ParquetValueKind.String)];
        using (var writer = new ParquetFileWriter(stream, columns, new ParquetWriteOptions { RowGroupSize = 1000 }))
        {
            for (int i = 0; i < 2500; i++)
            {
                writer[0].AddString(i % 3 == 0 ? "Austin" : i % 3 == 1 ? "Boston" : "Zürich");
                writer[1].AddInt64(i % 10 == 0 ? null : i - 100);
                writer[2].AddString($"row-{i:D5}");
                writer.EndRow();
            }
        }

        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "stats.parquet");
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal([1000L, 1000L, 500L], Enumerable.Range(0, 3).Select(reader.GetRowGroupRowCount));
        var first = reader.FileMetaData.RowGroups[0].Columns;
        Assert.Contains(ParquetEncoding.RleDictionary, first[0].MetaData!.Encodings);
        Assert.NotNull(first[0].MetaData!.DictionaryPageOffset);
        Assert.Equal("Austin"u8.ToArray(), first[0].MetaData!.Statistics!.MinValue);
        Assert.Equal("Zürich"u8.ToArray(), first[0].MetaData!.Statistics!.MaxValue);
        Assert.Equal(100, first[1].MetaData!.Statistics!.NullCount);
        Assert.Equal(BitConverter.GetBytes(-99L), first[1].MetaData!.Statistics!.MinValue);
        Assert.Equal(BitConverter.GetBytes(899L), first[1].MetaData!.Statistics!.MaxValue);
        Assert.DoesNotContain(ParquetEncoding.RleDictionary, first[2].MetaData!.Encodings);
        Assert.Equal(CompressionCodec.Snappy, first[0].MetaData!.Codec);

        // Checksums are verified on read: flipping one byte of a page is detected.
        byte[] bytes = stream.ToArray();
        long pageOffset = first[2].MetaData!.DataPageOffset;
        bytes[pageOffset + 40] ^= 0x55;
        using var corrupt = ParquetFileReader.Open(new MemoryStream(bytes), "flipped.parquet");
        var e = Assert.Throws<JobRec.Data.Parquet.ParquetFormatException>(() => corrupt.ReadRows().ToList());
        Assert.Contains("flipped.parquet", e.Message);
    }

    [Fact]
    public void WriterRejectsBadRowsWithTheColumnName()
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetFileWriter(stream, Columns);
        var e = Assert.Throws<ArgumentNullException>(() => writer[0].AddString(null));
        Assert.Contains("s_req", e.Message);
        Assert.Throws<InvalidOperationException>(() => writer[4].AddString("x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer[9].AddDecimal(1.23456m));
        var incomplete = Assert.Throws<InvalidOperationException>(writer.EndRow);
        Assert.Contains("s_req", incomplete.Message);
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
            RandomString(),
            Null() ? null : RandomString(),
            Null() ? null : Enumerable.Range(0, random.Next(0, 20)).Select(_ => (byte)random.Next(256)).ToArray(),
            Null() ? null : random.Next(2) == 0,
            random.Next(4) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => random.Next(int.MinValue, int.MaxValue) },
            Null() ? null : random.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => random.NextInt64(long.MinValue, long.MaxValue) },
            random.Next(6) switch { 0 => float.MaxValue, 1 => float.NaN, 2 => -0f, _ => (float)((random.NextDouble() - 0.5) * 1e6) },
            Null() ? null : random.Next(6) switch { 0 => double.MinValue, 1 => double.Epsilon, 2 => double.PositiveInfinity, _ => (random.NextDouble() - 0.5) * 1e300 },
            Null() ? null : DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(-10_000_000_000L, 10_000_000_000L) * 10 * 1000),
            Null() ? null : random.Next(4) switch { 0 => 99_999_999_999_999.9999m, 1 => -99_999_999_999_999.9999m, _ => Math.Round((decimal)(random.NextDouble() - 0.5) * 1_000_000m, 4) },
            random.Next(6) == 0 ? null : Enumerable.Range(0, random.Next(0, 5)).Select(_ => Null() ? null : RandomString()).Cast<object?>().ToList(),
            Enumerable.Range(0, random.Next(0, 8)).Select(_ => (object?)(float)random.NextDouble()).ToList(),
            Enumerable.Range(0, random.Next(0, 4)).Select(_ => Null() ? null : (object?)random.NextInt64()).ToList(),
        ];
    }

    private static void Add(ParquetFileWriter writer, object?[] row)
    {
        writer[0].AddString((string?)row[0]);
        writer[1].AddString((string?)row[1]);
        writer[2].AddBinary((byte[]?)row[2]);
        writer[3].AddBoolean((bool?)row[3]);
        writer[4].AddInt32((int?)row[4]);
        writer[5].AddInt64((long?)row[5]);
        writer[6].AddFloat((float?)row[6]);
        writer[7].AddDouble((double?)row[7]);
        writer[8].AddTimestamp((DateTimeOffset?)row[8]);
        writer[9].AddDecimal((decimal?)row[9]);
        writer[10].AddStringList(((List<object?>?)row[10])?.Cast<string?>());
        writer[11].AddFloatList(((List<object?>)row[11]!).Cast<float>().ToArray());
        writer[12].AddInt64List(((List<object?>)row[12]!).Select(o => (long?)o));
    }

    private static bool SameValue(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (float a, float b) => a.Equals(b) && float.IsNegative(a) == float.IsNegative(b),
        (double a, double b) => a.Equals(b),
        (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(p => SameValue(p.First, p.Second)),
        (DateTimeOffset a, DateTimeOffset b) => a == b && b.Offset == TimeSpan.Zero,
        _ => Equals(expected, actual),
    };
}
