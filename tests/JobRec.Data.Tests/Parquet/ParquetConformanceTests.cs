using JobRec.Data.Parquet;
using JobRec.Data.Parquet.Reading;

namespace JobRec.Data.Tests.Parquet;

/// <summary>Every file of apache/parquet-testing is either read completely or rejected with a clear Parquet exception.</summary>
public sealed class ParquetConformanceTests
{
    // Files that must read completely.
    private static readonly HashSet<string> MustRead =
    [
        "alltypes_dictionary.parquet", "alltypes_plain.parquet", "alltypes_plain.snappy.parquet", "alltypes_tiny_pages.parquet",
        "alltypes_tiny_pages_plain.parquet", "binary.parquet", "binary_truncated_min_max.parquet", "byte_array_decimal.parquet",
        "byte_stream_split_extended.gzip.parquet", "column_chunk_key_value_metadata.parquet", "concatenated_gzip_members.parquet",
        "data_index_bloom_encoding_stats.parquet", "data_index_bloom_encoding_with_length.parquet",
        "datapage_v1-snappy-compressed-checksum.parquet", "datapage_v1-uncompressed-checksum.parquet", "datapage_v2.snappy.parquet",
        "datapage_v2_empty_datapage.snappy.parquet", "delta_binary_packed.parquet", "delta_byte_array.parquet",
        "delta_encoding_optional_column.parquet", "delta_encoding_required_column.parquet", "dict-page-offset-zero.parquet",
        "fixed_length_byte_array.parquet", "fixed_length_decimal.parquet", "fixed_length_decimal_legacy.parquet",
        "float16_nonzeros_and_nans.parquet", "float16_zeros_and_nans.parquet", "floating_orders_nan_count.parquet",
        "incorrect_map_schema.parquet", "int32_decimal.parquet", "int32_with_null_pages.parquet", "int64_decimal.parquet",
        "int96_from_spark.parquet", "list_columns.parquet", "map_no_value.parquet", "nan_in_stats.parquet",
        "nested_lists.snappy.parquet", "nested_maps.snappy.parquet", "nonnullable.impala.parquet", "null_list.parquet",
        "nullable.impala.parquet", "nulls.snappy.parquet", "old_list_structure.parquet", "overflow_i16_page_cnt.parquet",
        "page_v2_empty_compressed.parquet", "plain-dict-uncompressed-checksum.parquet", "repeated_no_annotation.parquet",
        "repeated_primitive_no_list.parquet", "rle_boolean_encoding.parquet", "rle-dict-snappy-checksum.parquet",
        "single_nan.parquet", "sort_columns.parquet", "unknown-logical-type.parquet",

        // ZSTD, LZ4 (hadoop, raw and frame), a malformed-but-recoverable dictionary page, nested structs with out-of-range timestamps:
        // rejected by the hand-written codec, read through ParquetSharp.
        "byte_stream_split.zstd.parquet", "delta_length_byte_array.parquet", "nested_structs.rust.parquet",
        "hadoop_lz4_compressed.parquet", "hadoop_lz4_compressed_larger.parquet", "non_hadoop_lz4_compressed.parquet",
        "lz4_raw_compressed.parquet", "lz4_raw_compressed_larger.parquet", "nation.dict-malformed.parquet",
    ];

    // Well-formed files the reader refuses: encryption (no keys configured), a 2 GiB column chunk over the reader's limit.
    private static readonly HashSet<string> MustBeUnsupported =
    [
        "large_string_map.brotli.parquet",
        "encrypt_columns_and_footer.parquet.encrypted", "encrypt_columns_and_footer_aad.parquet.encrypted",
        "encrypt_columns_and_footer_bloom_filter.parquet.encrypted", "encrypt_columns_and_footer_ctr.parquet.encrypted",
        "encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted", "encrypt_columns_plaintext_footer.parquet.encrypted",
        "external_key_material_java.parquet.encrypted", "uniform_encryption.parquet.encrypted",
        "aes256/encrypt_columns_and_footer.parquet.encrypted", "aes256/encrypt_columns_and_footer_ctr.parquet.encrypted",
        "aes256/encrypt_columns_and_footer_disable_aad_storage.parquet.encrypted", "aes256/encrypt_columns_plaintext_footer.parquet.encrypted",
        "aes256/uniform_encryption.parquet.encrypted",
    ];

    // Files that are corrupt on purpose (bad page CRCs).
    private static readonly HashSet<string> MustBeMalformed =
    [
        "datapage_v1-corrupt-checksum.parquet", "rle-dict-uncompressed-corrupt-checksum.parquet",
    ];

    public static TheoryData<string> DataFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in ParquetFiles(ParquetTestData.DataDir))
        {
            data.Add(f);
        }

        return data;
    }

    public static TheoryData<string> BadDataFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in ParquetFiles(ParquetTestData.BadDataDir))
        {
            data.Add(f);
        }

        return data;
    }

    [Fact]
    public void Every_data_file_has_an_expected_outcome()
    {
        var files = ParquetFiles(ParquetTestData.DataDir).ToHashSet();
        var classified = MustRead.Concat(MustBeUnsupported).Concat(MustBeMalformed).ToHashSet();
        Assert.Empty(files.Except(classified));
        Assert.Empty(classified.Except(files));
        Assert.True(MustRead.Count >= 62, $"only {MustRead.Count} files must read");
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Data_file_reads_or_is_rejected_as_expected(string name)
    {
        string path = Path.Combine(ParquetTestData.DataDir, name);
        var outcome = Record.Exception(() => ReadAll(path));
        if (MustRead.Contains(name))
        {
            Assert.Null(outcome);
        }
        else if (MustBeUnsupported.Contains(name))
        {
            var e = Assert.IsType<ParquetUnsupportedException>(outcome);
            Assert.StartsWith("unsupported: ", e.Message);
            Assert.Contains(path, e.Message);
        }
        else
        {
            var e = Assert.IsType<ParquetFormatException>(outcome);
            Assert.Contains(path, e.Message);
            Assert.Contains("of row group 0", e.Message);
        }
    }

    [Fact]
    public void Encrypted_files_are_unsupported_without_keys()
    {
        foreach (string name in ParquetFiles(ParquetTestData.DataDir).Where(f => f.EndsWith(".encrypted", StringComparison.Ordinal)))
        {
            var e = Assert.Throws<ParquetUnsupportedException>(() => ReadAll(Path.Combine(ParquetTestData.DataDir, name)));
            Assert.Contains("encrypt", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(BadDataFiles))]
    public void Bad_data_file_reads_or_is_rejected_cleanly(string name)
    {
        // Arrow reads two of these (ARROW-GH-43605, a ZSTD file that crashed old Arrow; ARROW-GH-45185, a stray repetition level it tolerates).
        string path = Path.Combine(ParquetTestData.BadDataDir, name);
        var outcome = Record.Exception(() => ReadAll(path));
        if (outcome is not null)
        {
            Assert.True(outcome is ParquetFormatException or ParquetUnsupportedException, $"{name}: {outcome}");
            Assert.Contains(path, outcome.Message);
            Assert.DoesNotContain("\n", outcome.Message);
        }
    }

    [Theory]
    [InlineData("ARROW-GH-41317.parquet", "column timestamp_us_no_tz of row group 0 ends after 0 rows")]
    [InlineData("ARROW-GH-41321.parquet", "column int64 of row group 0: Invalid or corrupted bit_width")]
    [InlineData("ARROW-GH-47662.parquet", "column flba_field of row group 0")]
    [InlineData("ARROW-RS-GH-6229-DICTHEADER.parquet", "compressed bytes in a file of 533")]
    [InlineData("ARROW-RS-GH-6229-LEVELS.parquet", "column outer.list.item.c of row group 0")]
    [InlineData("PARQUET-1481.parquet", "of row group 0")]
    public void Bad_data_messages_name_the_problem(string name, string expected)
    {
        var e = Record.Exception(() => ReadAll(Path.Combine(ParquetTestData.BadDataDir, name)));
        Assert.True(e is ParquetFormatException or ParquetUnsupportedException, $"{name}: {e}");
        Assert.Contains(expected, e.Message);
        Assert.Contains(name, e.Message);
    }

    [Theory]
    [InlineData("datapage_v1-corrupt-checksum.parquet")]
    [InlineData("rle-dict-uncompressed-corrupt-checksum.parquet")]
    public void Corrupt_checksum_is_reported_unless_verification_is_off(string name)
    {
        string path = ParquetTestData.File(name);
        var e = Assert.Throws<ParquetFormatException>(() => ReadAll(path));
        Assert.Contains("CRC checksum verification failed", e.Message);
        using var reader = ParquetFileReader.Open(path, new ParquetReadOptions { VerifyChecksums = false });
        Assert.True(reader.ReadRows().Count() > 0);
    }

    internal static int ReadAll(string path, ParquetReadOptions? options = null, bool checkRowCount = true)
    {
        using var reader = ParquetFileReader.Open(path, options);
        int rows = 0;
        foreach (var _ in reader.ReadRows())
        {
            rows++;
        }

        if (checkRowCount)
        {
            Assert.Equal(reader.RowCount, rows);
        }

        return rows;
    }

    private static IEnumerable<string> ParquetFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) || f.EndsWith(".parquet.encrypted", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
