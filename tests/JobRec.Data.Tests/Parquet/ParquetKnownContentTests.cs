using System.Globalization;
using System.Text;
using JobRec.Data.Parquet.Reading;

namespace JobRec.Data.Tests.Parquet;

/// <summary>Values read from parquet-testing files equal their *_expect.csv files and the files' documented contents.</summary>
public sealed class ParquetKnownContentTests
{
    [Theory]
    [InlineData("delta_binary_packed.parquet")]
    [InlineData("delta_byte_array.parquet")]
    [InlineData("delta_encoding_optional_column.parquet")]
    [InlineData("delta_encoding_required_column.parquet")]
    public void Values_equal_the_expect_csv(string name)
    {
        var expected = ReadCsv(ParquetTestData.File(name.Replace(".parquet", "_expect.csv")));
        var rows = Read(name);
        Assert.Equal(expected.Count - 1, rows.Count);
        Assert.Equal(expected[0].Length, rows[0].Length);
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < rows[r].Length; c++)
            {
                string actual = rows[r][c] is null ? "" : Convert.ToString(rows[r][c], CultureInfo.InvariantCulture)!;
                Assert.True(expected[r + 1][c] == actual, $"{name} row {r} column {expected[0][c]}: expected '{expected[r + 1][c]}', read '{actual}'");
            }
        }
    }

    [Fact]
    public void Alltypes_plain_has_its_eight_known_rows()
    {
        using var reader = ParquetFileReader.Open(ParquetTestData.File("alltypes_plain.parquet"));
        Assert.Equal(
            ["id", "bool_col", "tinyint_col", "smallint_col", "int_col", "bigint_col", "float_col", "double_col", "date_string_col", "string_col", "timestamp_col"],
            reader.Fields.Select(f => f.Name));
        var rows = reader.ReadRows().ToList();
        Assert.Equal(8, rows.Count);
        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], rows.Select(r => (int)r[0]!));
        string[] dates = ["03/01/09", "03/01/09", "04/01/09", "04/01/09", "02/01/09", "02/01/09", "01/01/09", "01/01/09"];
        for (int i = 0; i < 8; i++)
        {
            bool even = i % 2 == 0;
            Assert.Equal(even, rows[i][1]);
            Assert.Equal(even ? 0 : 1, rows[i][2]);
            Assert.Equal(even ? 0 : 1, rows[i][3]);
            Assert.Equal(even ? 0 : 1, rows[i][4]);
            Assert.Equal(even ? 0L : 10L, rows[i][5]);
            Assert.Equal(even ? 0f : 1.1f, rows[i][6]);
            Assert.Equal(even ? 0d : 10.1d, rows[i][7]);
            Assert.Equal(dates[i], Encoding.ASCII.GetString((byte[])rows[i][8]!));
            Assert.Equal(even ? "0" : "1", Encoding.ASCII.GetString((byte[])rows[i][9]!));
            var month = DateTime.ParseExact(dates[i], "MM/dd/yy", CultureInfo.InvariantCulture);
            Assert.Equal(new DateTimeOffset(month.AddMinutes(even ? 0 : 1), TimeSpan.Zero), rows[i][10]);
        }
    }

    [Fact]
    public void Alltypes_dictionary_has_two_rows()
    {
        var rows = Read("alltypes_dictionary.parquet");
        Assert.Equal(2, rows.Count);
        Assert.Equal([0, 1], rows.Select(r => (int)r[0]!));
        Assert.Equal(new DateTimeOffset(2009, 1, 1, 0, 1, 0, TimeSpan.Zero), rows[1][10]);
        Assert.Equal(10.1d, rows[1][7]);
    }

    [Fact]
    public void Nulls_has_eight_structs_with_null_fields()
    {
        // A struct of one leaf reads as that leaf's value.
        var rows = Read("nulls.snappy.parquet");
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.Null(r[0]));
    }

    [Fact]
    public void Nested_lists_are_assembled()
    {
        var rows = Read("nested_lists.snappy.parquet");
        Assert.Equal(
            ["[[[a, b], [c]], [null, [d]]]", "[[[a, b], [c, d]], [null, [e]]]", "[[[a, b], [c, d], [e]], [null, [f]]]"],
            rows.Select(r => Show(r[0])));
        Assert.All(rows, r => Assert.Equal(1, r[1]));
    }

    [Fact]
    public void Nested_maps_are_assembled()
    {
        var rows = Read("nested_maps.snappy.parquet");
        // A map reads as its leaf columns (keys and values side by side), each nested as the schema nests it.
        Assert.Equal(
            [
                "{key_value.key: [a], key_value.value.key_value.key: [[1, 2]], key_value.value.key_value.value: [[True, False]]}",
                "{key_value.key: [b], key_value.value.key_value.key: [[1]], key_value.value.key_value.value: [[True]]}",
                "{key_value.key: [c], key_value.value.key_value.key: [null], key_value.value.key_value.value: [null]}",
                "{key_value.key: [d], key_value.value.key_value.key: [[]], key_value.value.key_value.value: [[]]}",
                "{key_value.key: [e], key_value.value.key_value.key: [[1]], key_value.value.key_value.value: [[True]]}",
                "{key_value.key: [f], key_value.value.key_value.key: [[3, 4, 5]], key_value.value.key_value.value: [[True, False, True]]}",
            ],
            rows.Select(r => Show(r[0])));
    }

    [Fact]
    public void Impala_nested_types_are_assembled()
    {
        var rows = Read("nullable.impala.parquet");
        Assert.Equal(7, rows.Count);
        Assert.Equal("[null, 1, 2, null, 3, null]", Show(rows[1][1]));
        Assert.Equal("[[null, 1, 2, null], [3, null, 4], [], null]", Show(rows[1][2]));
        Assert.Equal("{map.key: [k1, k2], map.value: [2, null]}", Show(rows[1][3]));
        var nonNullable = Read("nonnullable.impala.parquet");
        Assert.Equal("[[-1, -2], []]", Show(nonNullable[0][2]));
    }

    [Fact]
    public void Data_page_v2_is_read()
    {
        var rows = Read("datapage_v2.snappy.parquet");
        Assert.Equal(["abc", "abc", "abc", null, "abc"], rows.Select(r => (string?)r[0]));
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => (int)r[1]!));
        Assert.Equal([2d, 3d, 4d, 5d, 2d], rows.Select(r => (double)r[2]!));
        Assert.Equal([true, true, true, false, true], rows.Select(r => (bool)r[3]!));
        Assert.Equal(["[1, 2, 3]", "null", "null", "[1, 2, 3]", "[1, 2]"], rows.Select(r => Show(r[4])));
        Assert.Null(Assert.Single(Read("datapage_v2_empty_datapage.snappy.parquet"))[0]);
    }

    [Fact]
    public void Legacy_and_unannotated_lists_are_lists()
    {
        // Two-level legacy lists go through the physical reader: a row's value is the flat list of its leaf values.
        Assert.Equal("[1, 2, 3, 4]", Show(Assert.Single(Read("old_list_structure.parquet"))[0]));
        Assert.Equal(
            ["{phone.number: [], phone.kind: []}", "{phone.number: [5555555555], phone.kind: []}", "{phone.number: [1111111111, 2222222222, 3333333333], phone.kind: [home, mobile]}"],
            Read("repeated_no_annotation.parquet").Where((_, i) => i is 0 or 3 or 5).Select(r => Show(r[1])));
        Assert.Equal("[]", Show(Assert.Single(Read("null_list.parquet"))[0]));
        var rows = Read("repeated_primitive_no_list.parquet");
        Assert.Equal("[0, 1, 2, 3]", Show(rows[0][0]));
        Assert.Equal("[]", Show(rows[1][0]));
        Assert.Equal("[three]", Show(rows[1][1]));
    }

    [Fact]
    public void Logical_types_are_converted()
    {
        Assert.Equal([1m, 2m, 3m], Read("int32_decimal.parquet").Take(3).Select(r => (decimal)r[0]!));
        Assert.Equal([1m, 2m, 3m], Read("fixed_length_decimal.parquet").Take(3).Select(r => (decimal)r[0]!));
        Assert.Equal([1m, 2m, 3m], Read("byte_array_decimal.parquet").Take(3).Select(r => (decimal)r[0]!));
        Assert.Equal([1m, 2m, 3m], Read("int64_decimal.parquet").Take(3).Select(r => (decimal)r[0]!));
        var halves = Read("float16_nonzeros_and_nans.parquet").Select(r => r[0]).ToList();
        Assert.Null(halves[0]);
        Assert.Equal([(Half)1, (Half)(-2)], halves.Skip(1).Take(2).Cast<Half>());
        Assert.True(Half.IsNaN((Half)halves[3]!));
        var spark = Read("int96_from_spark.parquet").Select(r => r[0]).ToList();
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 20, 34, 56, 123, 456, TimeSpan.Zero), spark[0]);
        Assert.Null(spark[4]);
        Assert.Equal(["known string 1", "known string 2", "known string 3"], Read("unknown-logical-type.parquet").Select(r => (string)r[0]!));
    }

    [Fact]
    public void Codecs_decode_to_the_same_values()
    {
        // 513 UINT64 numbers 1..513 in one page made of two concatenated gzip members.
        Assert.Equal(Enumerable.Range(1, 513).Select(i => (ulong)i), Read("concatenated_gzip_members.parquet").Select(r => (ulong)r[0]!));
        var snappy = Read("alltypes_plain.snappy.parquet");
        Assert.Equal([6, 7], snappy.Select(r => (int)r[0]!));

        // byte_stream_split_extended: each PLAIN column equals its BYTE_STREAM_SPLIT twin; the file is GZIP-compressed.
        var split = Read("byte_stream_split_extended.gzip.parquet");
        Assert.Equal(200, split.Count);
        foreach (var row in split)
        {
            for (int c = 0; c < row.Length; c += 2)
            {
                Assert.Equal(Show(row[c]), Show(row[c + 1]));
            }
        }
    }

    [Fact]
    public void Projection_reads_only_the_named_columns()
    {
        using var reader = ParquetFileReader.Open(ParquetTestData.File("alltypes_plain.parquet"));
        var fields = reader.SelectFields(["string_col", "id"]);
        var rows = reader.ReadRows(fields).ToList();
        Assert.All(rows, r => Assert.Equal(2, r.Length));
        Assert.Equal(4, rows[0][1]);
        var e = Assert.Throws<ArgumentException>(() => reader.SelectFields(["nope"]));
        Assert.Contains("bool_col", e.Message);
    }

    internal static List<object?[]> Read(string name)
    {
        using var reader = ParquetFileReader.Open(ParquetTestData.File(name));
        return reader.ReadRows().ToList();
    }

    internal static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        byte[] b => Convert.ToHexString(b),
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "}",
        List<KeyValuePair<object?, object?>> m => "{" + string.Join(", ", m.Select(kv => $"{Show(kv.Key)}: {Show(kv.Value)}")) + "}",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static List<string[]> ReadCsv(string path)
    {
        var rows = new List<string[]>();
        foreach (string line in File.ReadLines(path))
        {
            var fields = new List<string>();
            var sb = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char ch = line[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        sb.Append('"');
                        i++;
                    }
                    else if (ch == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        sb.Append(ch);
                    }
                }
                else if (ch == '"')
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    fields.Add(sb.ToString());
                    sb.Clear();
                }
                else
                {
                    sb.Append(ch);
                }
            }

            fields.Add(sb.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}
