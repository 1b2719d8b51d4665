using System.Buffers.Binary;

namespace JobRec.Data.Parquet.Encodings;

/// <summary>An append-only byte buffer for building pages.</summary>
internal sealed class GrowableBuffer(int capacity = 4096)
{
    private byte[] _bytes = new byte[Math.Max(capacity, 16)];

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    /// <summary>Grows by <paramref name="count"/> bytes and returns them.</summary>
    public Span<byte> Extend(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }

        var span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }

    /// <summary>Returns at least <paramref name="size"/> writable bytes after the end without advancing; follow with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (Length + size > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + size));
        }

        return _bytes.AsSpan(Length);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    public void Advance(int count) => Length += count;

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte b) => Extend(1)[0] = b;

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Extend(bytes.Length));

    /// <summary>Appends a little-endian int32.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Extend(4), value);

    /// <summary>Appends an unsigned LEB128 varint.</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>Overwrites a little-endian int32 at <paramref name="position"/>.</summary>
    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(position, 4), value);

    /// <summary>Forgets the contents, keeping the memory.</summary>
    public void Clear() => Length = 0;
}
