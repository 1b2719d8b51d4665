using JobRec.FileFormats;

namespace JobRec.FileFormats.Tests;

public sealed class BinaryFileFormatTests
{
    private static readonly BinaryFileFormat Format = new("test model", "JRTS"u8, version: 3, oldestReadable: 2, remedy: "train it again");

    [Fact]
    public void Header_is_the_magic_then_the_version_little_endian_and_reads_back()
    {
        var stream = new MemoryStream();
        Format.WriteHeader(stream);
        stream.Write([7, 7]);
        Assert.Equal(new byte[] { 0x4A, 0x52, 0x54, 0x53, 3, 0, 0, 0, 7, 7 }, stream.ToArray());

        stream.Position = 0;
        Assert.Equal(new FileHeader(3, 8), Format.ReadHeader(stream, "a.bin"));
        Assert.Equal(8, stream.Position);
        Assert.Equal(new FileHeader(3, 8), Format.ReadHeader(stream.ToArray(), "a.bin"));
    }

    [Fact]
    public void Header_written_through_a_binary_writer_lands_before_what_the_writer_wrote_after_it()
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Format.WriteHeader(writer);
            writer.Write("x");
        }
        Assert.Equal(new byte[] { 0x4A, 0x52, 0x54, 0x53, 3, 0, 0, 0, 1, (byte)'x' }, stream.ToArray());
    }

    [Fact]
    public void An_older_readable_version_is_returned_as_found()
    {
        Assert.Equal(2, Format.ReadHeader("JRTS\u0002\0\0\0"u8, "a.bin").Version);
    }

    [Fact]
    public void Wrong_magic_names_the_file_the_offset_what_was_expected_and_what_was_found()
    {
        var e = Assert.Throws<InvalidDataException>(() => Format.ReadHeader(new MemoryStream("PK\u0003\u0004rest"u8.ToArray()), "/data/a.bin"));
        Assert.Equal("/data/a.bin offset 0: expected magic \"JRTS\", found \"PK\\x03\\x04\"; not a test model", e.Message);
    }

    [Fact]
    public void A_newer_version_is_refused_in_one_line_saying_so()
    {
        var e = Assert.Throws<InvalidDataException>(() => Format.ReadHeader("JRTS\u0004\0\0\0"u8, "a.bin"));
        Assert.Equal("a.bin offset 4: test model format version 4 is not supported: this build reads versions 2 to 3, the file was written by a newer one", e.Message);
    }

    [Fact]
    public void An_older_version_is_refused_with_the_remedy()
    {
        var e = Assert.Throws<InvalidDataException>(() => Format.ReadHeader(new MemoryStream("JRTS\u0001\0\0\0"u8.ToArray()), "a.bin"));
        Assert.Equal("a.bin offset 4: test model format version 1 is not supported: this build reads versions 2 to 3, the file was written by an older one; train it again", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_file_ending_inside_the_header_is_truncated(int length)
    {
        var bytes = "JRTS\u0003\0\0\0"u8.ToArray()[..length];
        foreach (var e in new[]
                 {
                     Assert.Throws<InvalidDataException>(() => Format.ReadHeader(bytes, "a.bin")),
                     Assert.Throws<InvalidDataException>(() => Format.ReadHeader(new MemoryStream(bytes), "a.bin")),
                 })
        {
            Assert.Equal($"a.bin offset {length}: the file ends inside the 8-byte test model header; it is truncated", e.Message);
        }
    }

    [Fact]
    public void Files_from_before_the_version_field_read_as_version_1_with_the_old_magic_as_header()
    {
        var format = new BinaryFileFormat("cache", "JRCN"u8, version: 2, oldestReadable: 1, unversionedMagic: "JRC1"u8.ToArray());
        var stream = new MemoryStream("JRC1\u0010\0\0\0"u8.ToArray());
        Assert.Equal(new FileHeader(1, 4), format.ReadHeader(stream, "c.bin"));
        Assert.Equal(4, stream.Position);
        Assert.Equal(new FileHeader(1, 4), format.ReadHeader("JRC1"u8, "c.bin"));
        Assert.Equal(new FileHeader(2, 8), format.ReadHeader("JRCN\u0002\0\0\0"u8, "c.bin"));
        Assert.Contains("expected magic \"JRCN\", found \"JRC2\"", Assert.Throws<InvalidDataException>(() => format.ReadHeader("JRC2\u0002\0\0\0"u8, "c.bin")).Message);
    }

    [Fact]
    public void A_format_is_refused_when_its_old_magic_could_be_mistaken_for_the_new_one()
    {
        Assert.Throws<ArgumentException>(() => new BinaryFileFormat("x", "JRC"u8, 2, 1, unversionedMagic: "JRC1"u8.ToArray()));
        Assert.Throws<ArgumentException>(() => new BinaryFileFormat("x", "JRCN"u8, 2, unversionedMagic: "JRC1"u8.ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryFileFormat("x", "JRCN"u8, 0));
        Assert.Throws<ArgumentException>(() => new BinaryFileFormat("x", "J"u8, 1));
    }

    [Fact]
    public void Peek_reports_any_version_of_this_format_and_null_for_other_files()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-format-{Guid.NewGuid():N}.bin");
        try
        {
            File.WriteAllBytes(path, "JRTS\u0063\0\0\0"u8.ToArray());
            Assert.Equal(99, Format.PeekVersion(path));
            File.WriteAllBytes(path, "JRTS\u0063"u8.ToArray());
            Assert.Null(Format.PeekVersion(path));
            File.WriteAllBytes(path, "JRXX\u0003\0\0\0"u8.ToArray());
            Assert.Null(Format.PeekVersion(path));
            Assert.Contains("expected magic", Assert.Throws<InvalidDataException>(() => Format.ReadHeader(path)).Message);
        }
        finally { File.Delete(path); }
        Assert.Throws<FileNotFoundException>(() => Format.PeekVersion(path));
    }
}
