namespace JobRec.Data.Parquet.Encodings;

/// <summary>Decodes DELTA_BINARY_PACKED integers (blocks of miniblocks of bit-packed deltas from a minimum delta).</summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Decodes exactly <paramref name="output"/>.Length values (wrapping as two's complement).</summary>
    /// <returns>The number of bytes consumed, so a following stream can be read.</returns>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> output)
    {
        int pos = 0;
        ulong blockSize = RleBitPackedHybridDecoder.ReadVarint(data, ref pos);
        ulong miniblocks = RleBitPackedHybridDecoder.ReadVarint(data, ref pos);
        ulong total = RleBitPackedHybridDecoder.ReadVarint(data, ref pos);
        long first = ZigZag(RleBitPackedHybridDecoder.ReadVarint(data, ref pos));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 20 || miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 32 != 0)
        {
            throw new PageDataException($"invalid DELTA_BINARY_PACKED header (block size {blockSize}, miniblocks {miniblocks})", 0);
        }

        if (total < (ulong)output.Length)
        {
            throw new PageDataException($"DELTA_BINARY_PACKED holds {total} values but {output.Length} are needed", 0);
        }

        if (output.Length == 0)
        {
            // Still consume the blocks so a following stream starts at the right place.
            return total == 0 ? pos : SkipBlocks(data, pos, (int)blockSize, (int)miniblocks, total);
        }

        int perMiniblock = (int)(blockSize / miniblocks);
        ulong[] deltaBuffer = new ulong[perMiniblock];
        output[0] = first;
        long previous = first;
        int filled = 1;
        long remainingInStream = (long)Math.Min(total, long.MaxValue) - 1;
        while (remainingInStream > 0)
        {
            long minDelta = ZigZag(RleBitPackedHybridDecoder.ReadVarint(data, ref pos));
            if (pos + (int)miniblocks > data.Length)
            {
                throw new PageDataException("DELTA_BINARY_PACKED bit widths truncated", pos);
            }

            var widths = data.Slice(pos, (int)miniblocks);
            pos += (int)miniblocks;
            for (int m = 0; m < (int)miniblocks && remainingInStream > 0; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new PageDataException($"DELTA_BINARY_PACKED bit width {width}", pos);
                }

                int bytes = perMiniblock * width / 8;
                if (pos + bytes > data.Length)
                {
                    throw new PageDataException("DELTA_BINARY_PACKED miniblock truncated", pos);
                }

                int wanted = (int)Math.Min(perMiniblock, output.Length - filled);
                if (wanted > 0)
                {
                    RleBitPackedHybridDecoder.Unpack64(data.Slice(pos, bytes), width, deltaBuffer.AsSpan(0, wanted));
                    for (int i = 0; i < wanted; i++)
                    {
                        previous = unchecked(previous + minDelta + (long)deltaBuffer[i]);
                        output[filled++] = previous;
                    }
                }

                pos += bytes;
                remainingInStream -= perMiniblock;
            }
        }

        return pos;
    }

    /// <summary>Decodes INT32 values (the 64-bit arithmetic wraps to 32 bits as the spec requires).</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<int> output)
    {
        long[] wide = new long[output.Length];
        int consumed = Decode(data, wide);
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = unchecked((int)wide[i]);
        }

        return consumed;
    }

    private static int SkipBlocks(ReadOnlySpan<byte> data, int pos, int blockSize, int miniblocks, ulong total)
    {
        long remaining = (long)Math.Min(total, long.MaxValue) - 1;
        int perMiniblock = blockSize / miniblocks;
        while (remaining > 0)
        {
            RleBitPackedHybridDecoder.ReadVarint(data, ref pos);
            if (pos + miniblocks > data.Length)
            {
                throw new PageDataException("DELTA_BINARY_PACKED bit widths truncated", pos);
            }

            var widths = data.Slice(pos, miniblocks);
            pos += miniblocks;
            for (int m = 0; m < miniblocks && remaining > 0; m++)
            {
                pos += perMiniblock * widths[m] / 8;
                remaining -= perMiniblock;
            }

            if (pos > data.Length)
            {
                throw new PageDataException("DELTA_BINARY_PACKED miniblock truncated", data.Length);
            }
        }

        return pos;
    }

    private static long ZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
