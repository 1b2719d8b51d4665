using System.Text;

namespace JobRec.Data.Parquet.Thrift;

/// <summary>Writes Thrift compact-protocol structs into a growable buffer.</summary>
internal sealed class ThriftCompactWriter
{
    private readonly Stack<short> _lastFieldIds = new();
    private byte[] _buffer = new byte[256];
    private short _lastFieldId;

    /// <summary>Number of bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Clear()
    {
        Length = 0;
        _lastFieldId = 0;
        _lastFieldIds.Clear();
    }

    /// <summary>Starts a nested struct (the field header must already be written).</summary>
    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Ends the current struct with a stop byte.</summary>
    public void EndStruct()
    {
        WriteByte(0);
        _lastFieldId = _lastFieldIds.Count > 0 ? _lastFieldIds.Pop() : (short)0;
    }

    /// <summary>Writes an i32 field.</summary>
    public void WriteI32Field(short id, int value)
    {
        WriteFieldHeader(id, ThriftType.I32);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes an i64 field.</summary>
    public void WriteI64Field(short id, long value)
    {
        WriteFieldHeader(id, ThriftType.I64);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes a boolean field.</summary>
    public void WriteBoolField(short id, bool value) => WriteFieldHeader(id, value ? ThriftType.BooleanTrue : ThriftType.BooleanFalse);

    /// <summary>Writes a binary field.</summary>
    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(id, ThriftType.Binary);
        WriteBinary(value);
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public void WriteStringField(short id, string value)
    {
        WriteFieldHeader(id, ThriftType.Binary);
        WriteBinary(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Writes the header of a struct field; follow with <see cref="BeginStruct"/>.</summary>
    public void WriteStructFieldHeader(short id) => WriteFieldHeader(id, ThriftType.Struct);

    /// <summary>Writes the header of a list field with <paramref name="count"/> elements of <paramref name="elementType"/>.</summary>
    public void WriteListField(short id, ThriftType elementType, int count)
    {
        WriteFieldHeader(id, ThriftType.List);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (byte)elementType));
            WriteVarint((ulong)count);
        }
    }

    /// <summary>Writes an i32 list element.</summary>
    public void WriteI32Element(int value) => WriteVarint(ZigZag(value));

    /// <summary>Writes a string list element.</summary>
    public void WriteStringElement(string value) => WriteBinary(Encoding.UTF8.GetBytes(value));

    private void WriteFieldHeader(short id, ThriftType type)
    {
        int delta = id - _lastFieldId;
        if (delta > 0 && delta <= 15)
        {
            WriteByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(id));
        }

        _lastFieldId = id;
    }

    private void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(Length));
        Length += value.Length;
    }

    private void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    private void WriteByte(byte b)
    {
        Ensure(1);
        _buffer[Length++] = b;
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
        }
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
}
