using System.Runtime.InteropServices;

namespace JobRec.Grains.Embeddings;

/// <summary>Stores embeddings compactly in grain state: float vectors as little-endian bytes (base64 in JSON).</summary>
public static class EmbeddingCodec
{
    /// <summary>The bytes of a vector (length 4 x dimension).</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    /// <summary>The vector stored by <see cref="ToBytes"/>; throws when the byte count is not a multiple of 4.</summary>
    public static float[] FromBytes(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return [];
        }

        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"stored embedding has {bytes.Length} bytes, not a multiple of {sizeof(float)}");
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
