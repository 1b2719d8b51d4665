using System.Buffers.Binary;
using System.Security.Cryptography;
using JobRec.FileFormats;

namespace JobRec.FileFormats.Tests;

public sealed class ChecksummedFileTests : IDisposable
{
    private static readonly BinaryFileFormat Format = new("sealed test file", "JRSEALED"u8, version: 1);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jobrec-sealed-{Guid.NewGuid():N}", "f.bin");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    private static byte[] Payload => [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];

    [Fact]
    public void Layout_with_an_8_byte_magic_is_the_56_byte_header_then_the_payload_and_it_verifies()
    {
        var length = ChecksummedFile.Write(_path, Format, new MemoryStream(Payload));
        var bytes = File.ReadAllBytes(_path);
        Assert.Equal(56 + 1000, length);
        Assert.Equal(bytes.Length, length);
        Assert.Equal("JRSEALED"u8.ToArray(), bytes[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(1000, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(SHA256.HashData(Payload), bytes[24..56]);
        Assert.Equal(Payload, bytes[56..]);

        Assert.Equal(new SealedPayload(1, 56, 1000), ChecksummedFile.Verify(_path, Format));
        Assert.Equal(new SealedPayload(1, 56, 1000), ChecksummedFile.Verify(bytes, Format, _path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_path)!, "*.tmp-*"));
    }

    [Fact]
    public void A_truncated_file_names_the_length_field_and_what_it_holds()
    {
        ChecksummedFile.Write(_path, Format, new MemoryStream(Payload));
        var bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..^10]);
        var e = Assert.Throws<InvalidDataException>(() => ChecksummedFile.Verify(_path, Format));
        Assert.Equal($"{_path} offset 16: the header says the payload is 1000 bytes but the file holds 990 after the header; the file is truncated or corrupt", e.Message);
        Assert.Contains("ends inside the 56-byte sealed test file header", Assert.Throws<InvalidDataException>(() => ChecksummedFile.Verify(bytes.AsSpan(0, 30), Format, "x")).Message);
    }

    [Fact]
    public void A_changed_payload_byte_fails_the_checksum()
    {
        ChecksummedFile.Write(_path, Format, new MemoryStream(Payload));
        var bytes = File.ReadAllBytes(_path);
        bytes[500] ^= 1;
        File.WriteAllBytes(_path, bytes);
        Assert.Contains("SHA-256 of the payload (offset 56, 1000 bytes) does not match", Assert.Throws<InvalidDataException>(() => ChecksummedFile.Verify(_path, Format)).Message);
        Assert.Contains("SHA-256", Assert.Throws<InvalidDataException>(() => ChecksummedFile.Verify(bytes, Format, "x")).Message);
    }

    [Fact]
    public void Wrong_magic_and_newer_version_are_refused_before_the_length()
    {
        ChecksummedFile.Write(_path, Format, new MemoryStream(Payload));
        var bytes = File.ReadAllBytes(_path);
        var newer = (byte[])bytes.Clone();
        newer[8] = 2;
        Assert.Contains("offset 8: sealed test file format version 2 is not supported", Assert.Throws<InvalidDataException>(() => ChecksummedFile.Verify(newer, Format, "x")).Message);
        "JRONETCL"u8.CopyTo(bytes);
        Assert.Contains("expected magic \"JRSEALED\", found \"JRONETCL\"", Assert.Throws<InvalidDataException>(() => ChecksummedFile.Verify(bytes, Format, "x")).Message);
    }

    [Fact]
    public void A_short_magic_pads_the_length_field_to_8_bytes()
    {
        var format = new BinaryFileFormat("short", "JR"u8, version: 1);
        Assert.Equal(8 + 8 + 32, ChecksummedFile.HeaderLength(format));
        ChecksummedFile.Write(_path, format, new MemoryStream(Payload));
        Assert.Equal(new SealedPayload(1, 48, 1000), ChecksummedFile.Verify(_path, format));
    }
}
