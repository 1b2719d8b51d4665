namespace JobRec.Data.Parquet.Encodings;

/// <summary>Decodes DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the bytes) and DELTA_BYTE_ARRAY (shared-prefix lengths, then suffixes).</summary>
internal static class DeltaByteArrayDecoder
{
    /// <summary>Appends <paramref name="count"/> DELTA_LENGTH_BYTE_ARRAY values to <paramref name="output"/>.</summary>
    /// <returns>The number of bytes consumed.</returns>
    public static int DecodeLengths(ReadOnlySpan<byte> data, int count, ByteArrayBuffer output)
    {
        var lengths = new long[count];
        int pos = DeltaBinaryPackedDecoder.Decode(data, lengths);
        output.EnsureValues(count);
        for (int i = 0; i < count; i++)
        {
            long length = lengths[i];
            if (length < 0 || length > data.Length - pos)
            {
                throw new PageDataException($"byte array length {length} at value {i} exceeds the {data.Length - pos} bytes left", pos);
            }

            output.Add(data.Slice(pos, (int)length));
            pos += (int)length;
        }

        return pos;
    }

    /// <summary>Appends <paramref name="count"/> DELTA_BYTE_ARRAY values to <paramref name="output"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> data, int count, ByteArrayBuffer output)
    {
        var prefixes = new long[count];
        int pos = DeltaBinaryPackedDecoder.Decode(data, prefixes);
        var suffixes = new ByteArrayBuffer(count, Math.Max(16, data.Length - pos));
        DecodeLengths(data[pos..], count, suffixes);
        byte[] previous = [];
        byte[] scratch = new byte[256];
        output.EnsureValues(count);
        for (int i = 0; i < count; i++)
        {
            long prefix = prefixes[i];
            if (prefix < 0 || prefix > previous.Length)
            {
                throw new PageDataException($"DELTA_BYTE_ARRAY prefix length {prefix} at value {i} exceeds the previous value's {previous.Length} bytes");
            }

            var suffix = suffixes[i];
            int length = (int)prefix + suffix.Length;
            if (scratch.Length < length)
            {
                scratch = new byte[Math.Max(length, scratch.Length * 2)];
            }

            previous.AsSpan(0, (int)prefix).CopyTo(scratch);
            suffix.CopyTo(scratch.AsSpan((int)prefix));
            var value = scratch.AsSpan(0, length);
            output.Add(value);
            previous = value.ToArray();
        }
    }
}
