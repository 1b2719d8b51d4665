namespace JobRec.ML.Text.Transformer;

/// <summary>Packs rows of token states (each tokens × dim, row-major) into the one array a <see cref="BertLayerStack"/> pass reads, and back.</summary>
internal static class PackedRows
{
    /// <summary>Concatenates <paramref name="rows"/>; the lengths are their token counts.</summary>
    public static (float[] Packed, int[] Lengths) Pack(IReadOnlyList<float[]> rows, int dim)
    {
        var lengths = new int[rows.Count];
        long total = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            lengths[r] = rows[r].Length / dim;
            total += rows[r].Length;
        }
        var packed = new float[total];
        long at = 0;
        foreach (var r in rows)
        {
            r.CopyTo(packed, at);
            at += r.Length;
        }
        return (packed, lengths);
    }

    /// <summary>Splits packed rows back (the inverse of <see cref="Pack"/>).</summary>
    public static float[][] Unpack(float[] packed, int[] lengths, int dim)
    {
        var rows = new float[lengths.Length][];
        for (int r = 0, at = 0; r < lengths.Length; at += lengths[r] * dim, r++) rows[r] = packed.AsSpan(at, lengths[r] * dim).ToArray();
        return rows;
    }
}
