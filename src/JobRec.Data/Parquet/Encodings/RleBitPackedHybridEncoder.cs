namespace JobRec.Data.Parquet.Encodings;

/// <summary>Encodes integers with the RLE / bit-packing hybrid: runs of 8 or more equal values as RLE runs, the rest bit-packed in groups of 8.</summary>
internal static class RleBitPackedHybridEncoder
{
    /// <summary>Appends the encoding of <paramref name="values"/> (each below 2^<paramref name="bitWidth"/>) to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, GrowableBuffer output)
    {
        int n = values.Length;
        int valueBytes = (bitWidth + 7) / 8;
        int i = 0;
        while (i < n)
        {
            int run = RunLength(values, i);
            if (run >= 8)
            {
                output.WriteVarint((ulong)run << 1);
                int v = values[i];
                for (int b = 0; b < valueBytes; b++)
                {
                    output.WriteByte((byte)(v >> (8 * b)));
                }

                i += run;
                continue;
            }

            // Literal stretch up to the next run of 8 or more, padded to whole groups of 8.
            int j = i;
            while (j < n && RunLength(values, j, 8) < 8)
            {
                j++;
            }

            int groups = (j - i + 7) / 8;
            int count = Math.Min(groups * 8, n - i);
            output.WriteVarint(((ulong)groups << 1) | 1);
            var dst = output.Extend(groups * bitWidth);
            dst.Clear();
            long bitPos = 0;
            for (int k = 0; k < count; k++, bitPos += bitWidth)
            {
                ulong v = (uint)values[i + k];
                int byteIndex = (int)(bitPos >> 3);
                int shift = (int)(bitPos & 7);
                v <<= shift;
                for (int b = 0; v != 0; b++, v >>= 8)
                {
                    dst[byteIndex + b] |= (byte)v;
                }
            }

            i += count;
        }
    }

    private static int RunLength(ReadOnlySpan<int> values, int start, int cap = int.MaxValue)
    {
        int v = values[start];
        int end = start + 1;
        while (end < values.Length && values[end] == v && end - start < cap)
        {
            end++;
        }

        return end - start;
    }
}
