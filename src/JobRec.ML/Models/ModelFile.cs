using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using JobRec.FileFormats;

namespace JobRec.ML.Models;

/// <summary>The versioned model file every store keeps: magic <c>JRMODEL\n</c>, format version (int32), metadata JSON (length-prefixed),
/// payload (int64 length), SHA-256 of the payload; magic and version are written and checked by <see cref="Format"/>.</summary>
public static class ModelFile
{
    /// <summary>The container format this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Largest metadata JSON accepted (1 MiB).</summary>
    public const int MaxMetadataBytes = 1 << 20;

    /// <summary>The container's magic and version.</summary>
    public static readonly BinaryFileFormat Format = new("JobRec model file", "JRMODEL\n"u8, FormatVersion);

    private static ReadOnlySpan<byte> Magic => Format.Magic;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    /// <summary>The file bytes of <paramref name="metadata"/> and <paramref name="payload"/>.</summary>
    public static byte[] Write(ModelMetadata metadata, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var json = JsonSerializer.SerializeToUtf8Bytes(metadata, Json);
        var bytes = new byte[Magic.Length + 4 + 4 + json.Length + 8 + payload.Length + 32];
        var span = bytes.AsSpan();
        Format.WriteHeader(span);
        var at = Format.HeaderLength;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], json.Length);
        at += 4;
        json.CopyTo(span[at..]);
        at += json.Length;
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], payload.Length);
        at += 8;
        payload.CopyTo(span[at..]);
        at += payload.Length;
        SHA256.HashData(payload, span[at..]);
        return bytes;
    }

    /// <summary>Reads only the metadata at the start of a model file (for listings; the payload is not checked).</summary>
    /// <exception cref="InvalidDataException">Not a model file, another container version or bad metadata (one line naming <paramref name="source"/>).</exception>
    public static ModelMetadata ReadMetadata(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[Magic.Length + 8];
        stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var jsonLength = head.Length == Magic.Length + 8 ? BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(Magic.Length + 4)) : 0;
        var buffer = new byte[head.Length + Math.Clamp(jsonLength, 0, MaxMetadataBytes) + 8];
        head.CopyTo(buffer, 0);
        var read = stream.ReadAtLeast(buffer.AsSpan(head.Length), buffer.Length - head.Length, throwOnEndOfStream: false);
        return Parse(buffer.AsSpan(0, head.Length + read), source, out _);
    }

    /// <summary>Reads and checks a model file's bytes; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Not a model file, another container version, truncated, bad metadata or a payload whose SHA-256
    /// does not match (one line naming <paramref name="source"/>).</exception>
    public static StoredModel Read(ReadOnlySpan<byte> bytes, string source)
    {
        var metadata = Parse(bytes, source, out var at);
        var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
        at += 8;
        if (payloadLength < 0 || at + payloadLength + 32 != bytes.Length)
        {
            throw new InvalidDataException($"{source}: model file is truncated or has trailing bytes (payload {payloadLength} bytes, file {bytes.Length} bytes)");
        }

        var payload = bytes.Slice(at, (int)payloadLength);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        if (!hash.SequenceEqual(bytes[(at + (int)payloadLength)..]))
        {
            throw new InvalidDataException($"{source}: model payload is corrupt (SHA-256 mismatch)");
        }

        return new StoredModel(metadata, payload.ToArray());
    }

    private static ModelMetadata Parse(ReadOnlySpan<byte> bytes, string source, out int payloadAt)
    {
        var at = Format.ReadHeader(bytes, source).Length;
        if (bytes.Length < at + 4)
        {
            throw Format.Error(source, bytes.Length, "the file ends before the metadata length; it is truncated");
        }

        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        at += 4;
        if (jsonLength is < 2 or > MaxMetadataBytes || at + jsonLength + 8 > bytes.Length)
        {
            throw new InvalidDataException($"{source}: model file is truncated or its metadata length {jsonLength} is invalid");
        }

        ModelMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ModelMetadata>(bytes.Slice(at, jsonLength), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: model metadata is not valid JSON ({e.Message.Split('\n')[0]})", e);
        }

        if (metadata is null || string.IsNullOrWhiteSpace(metadata.Name) || string.IsNullOrWhiteSpace(metadata.Kind))
        {
            throw new InvalidDataException($"{source}: model metadata lacks a name or kind");
        }

        payloadAt = at + jsonLength;
        return metadata;
    }
}
