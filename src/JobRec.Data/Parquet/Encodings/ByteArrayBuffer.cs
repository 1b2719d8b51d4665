namespace JobRec.Data.Parquet.Encodings;

/// <summary>A growable store of variable-length byte values: one byte buffer and an offsets array.</summary>
internal sealed class ByteArrayBuffer
{
    private byte[] _bytes;
    private int[] _offsets;

    /// <summary>Creates an empty buffer with room for roughly <paramref name="values"/> values of <paramref name="bytes"/> total bytes.</summary>
    public ByteArrayBuffer(int values = 16, int bytes = 256)
    {
        _bytes = new byte[Math.Max(bytes, 16)];
        _offsets = new int[Math.Max(values, 4) + 1];
    }

    /// <summary>Number of values stored.</summary>
    public int Count { get; private set; }

    /// <summary>Total bytes stored.</summary>
    public int ByteLength => _offsets[Count];

    /// <summary>The underlying bytes (valid up to <see cref="ByteLength"/>).</summary>
    public byte[] Bytes => _bytes;

    /// <summary>The start offsets; value i spans [Offsets[i], Offsets[i+1]).</summary>
    public int[] Offsets => _offsets;

    /// <summary>The bytes of value <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Appends one value.</summary>
    public void Add(ReadOnlySpan<byte> value)
    {
        EnsureValues(1);
        EnsureBytes(value.Length);
        int end = _offsets[Count];
        value.CopyTo(_bytes.AsSpan(end));
        _offsets[++Count] = end + value.Length;
    }

    /// <summary>Makes room for <paramref name="extra"/> more values.</summary>
    public void EnsureValues(int extra)
    {
        if (Count + extra + 1 > _offsets.Length)
        {
            Array.Resize(ref _offsets, (int)Math.Min(Array.MaxLength, Math.Max((long)_offsets.Length * 2, (long)Count + extra + 1)));
        }
    }

    /// <summary>Makes room for <paramref name="extra"/> more bytes.</summary>
    public void EnsureBytes(int extra)
    {
        long needed = (long)_offsets[Count] + extra;
        if (needed > Array.MaxLength)
        {
            throw new PageDataException($"column chunk holds more than {Array.MaxLength} bytes of values");
        }

        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max((long)_bytes.Length * 2, needed)));
        }
    }

    /// <summary>Removes every value, keeping the memory.</summary>
    public void Clear() => Count = 0;
}
