using System.Buffers.Binary;

namespace JobRec.Data.Parquet.Encodings;

/// <summary>Decodes the RLE / bit-packing hybrid encoding used for levels, dictionary indexes and RLE booleans.</summary>
internal static class RleBitPackedHybridDecoder
{
    /// <summary>Fills <paramref name="output"/> from <paramref name="data"/>; fails when the data ends before the output is full.</summary>
    /// <returns>The number of bytes consumed.</returns>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new PageDataException($"invalid bit width {bitWidth}");
        }

        int pos = 0;
        int filled = 0;
        int valueBytes = (bitWidth + 7) / 8;
        while (filled < output.Length)
        {
            if (pos >= data.Length)
            {
                throw new PageDataException($"RLE/bit-packed data ends after {filled} of {output.Length} values", pos);
            }

            ulong header = ReadVarint(data, ref pos);
            if ((header & 1) == 0)
            {
                ulong runLength = header >> 1;
                if (pos + valueBytes > data.Length)
                {
                    throw new PageDataException("RLE run value truncated", pos);
                }

                int value = 0;
                for (int i = 0; i < valueBytes; i++)
                {
                    value |= data[pos + i] << (8 * i);
                }

                pos += valueBytes;
                if (bitWidth < 32 && (uint)value >= 1u << bitWidth)
                {
                    throw new PageDataException($"RLE run value {value} exceeds bit width {bitWidth}", pos);
                }

                int n = (int)Math.Min(runLength, (ulong)(output.Length - filled));
                if (n == 0 && runLength == 0)
                {
                    continue;
                }

                output.Slice(filled, n).Fill(value);
                filled += n;
            }
            else
            {
                ulong groups = header >> 1;
                ulong byteCount = groups * (ulong)bitWidth;
                if (groups > int.MaxValue / 8 || byteCount > (ulong)(data.Length - pos))
                {
                    // Writers may end the last group early when the data ends; decode what is there.
                    byteCount = (ulong)(data.Length - pos);
                }

                long available = bitWidth == 0 ? (long)Math.Min(groups * 8, int.MaxValue) : (long)byteCount * 8 / bitWidth;
                int n = (int)Math.Min(Math.Min((long)groups * 8, available), output.Length - filled);
                if (n == 0 && groups > 0)
                {
                    throw new PageDataException("bit-packed run truncated", pos);
                }

                Unpack(data.Slice(pos, (int)byteCount), bitWidth, output.Slice(filled, n));
                filled += n;
                pos += (int)byteCount;
            }
        }

        return pos;
    }

    /// <summary>Decodes a stream prefixed by its 4-byte little-endian length, as data page v1 levels and RLE booleans are.</summary>
    /// <returns>The number of bytes consumed, including the prefix.</returns>
    public static int DecodeLengthPrefixed(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (data.Length < 4)
        {
            throw new PageDataException("RLE length prefix truncated");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new PageDataException($"RLE length prefix {length} exceeds the {data.Length - 4} bytes left in the page");
        }

        Decode(data.Slice(4, length), bitWidth, output);
        return 4 + length;
    }

    /// <summary>Unpacks little-endian bit-packed values (LSB first), as the hybrid and delta encodings use.</summary>
    public static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        uint mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        long bitPos = 0;
        for (int i = 0; i < output.Length; i++, bitPos += bitWidth)
        {
            int byteIndex = (int)(bitPos >> 3);
            int shift = (int)(bitPos & 7);
            ulong word = byteIndex + 8 <= data.Length ? BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(byteIndex)) : ReadPartial(data, byteIndex);
            output[i] = (int)((uint)(word >> shift) & mask);
        }
    }

    /// <summary>Unpacks 64-bit-capable little-endian bit-packed values, as DELTA_BINARY_PACKED miniblocks use.</summary>
    public static void Unpack64(ReadOnlySpan<byte> data, int bitWidth, Span<ulong> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        ulong mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        long bitPos = 0;
        for (int i = 0; i < output.Length; i++, bitPos += bitWidth)
        {
            int byteIndex = (int)(bitPos >> 3);
            int shift = (int)(bitPos & 7);
            ulong lo = byteIndex + 8 <= data.Length ? BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(byteIndex)) : ReadPartial(data, byteIndex);
            ulong v = lo >> shift;
            if (shift + bitWidth > 64)
            {
                ulong hi = byteIndex + 8 < data.Length ? data[byteIndex + 8] : 0UL;
                v |= hi << (64 - shift);
            }

            output[i] = v & mask;
        }
    }

    /// <summary>Decodes the deprecated BIT_PACKED level encoding (MSB first, no length prefix).</summary>
    /// <returns>The number of bytes consumed.</returns>
    public static int DecodeLegacyBitPacked(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        long bytes = ((long)output.Length * bitWidth + 7) / 8;
        if (bytes > data.Length)
        {
            throw new PageDataException($"BIT_PACKED levels need {bytes} bytes but the page has {data.Length}");
        }

        long bitPos = 0;
        for (int i = 0; i < output.Length; i++)
        {
            int v = 0;
            for (int b = 0; b < bitWidth; b++, bitPos++)
            {
                int bit = (data[(int)(bitPos >> 3)] >> (7 - (int)(bitPos & 7))) & 1;
                v = (v << 1) | bit;
            }

            output[i] = v;
        }

        return (int)bytes;
    }

    /// <summary>Reads an unsigned LEB128 varint.</summary>
    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new PageDataException("varint truncated", pos);
            }

            byte b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new PageDataException("varint too long", pos);
    }

    private static ulong ReadPartial(ReadOnlySpan<byte> data, int byteIndex)
    {
        ulong word = 0;
        for (int i = 0; i < 8 && byteIndex + i < data.Length; i++)
        {
            word |= (ulong)data[byteIndex + i] << (8 * i);
        }

        return word;
    }
}
