using System.Buffers.Binary;
using System.Text;

namespace JobRec.Data.Parquet.Thrift;

/// <summary>Reads Thrift compact-protocol values from a byte buffer, failing with the file and offset on any malformed or out-of-bounds input.</summary>
internal sealed class ThriftCompactReader
{
    private const int MaxDepth = 64;
    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly long _fileOffset;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private int _depth;

    /// <summary>Creates a reader over <paramref name="buffer"/>[<paramref name="start"/>..<paramref name="end"/>) whose first byte lies at <paramref name="fileOffset"/> in <paramref name="filePath"/>.</summary>
    public ThriftCompactReader(byte[] buffer, int start, int end, long fileOffset, string filePath)
    {
        _buffer = buffer;
        Position = start;
        _end = end;
        _fileOffset = fileOffset - start;
        FilePath = filePath;
    }

    /// <summary>The file being read, for error messages.</summary>
    public string FilePath { get; }

    /// <summary>Index of the next byte to read in the buffer.</summary>
    public int Position { get; private set; }

    /// <summary>Offset of the next byte in the file.</summary>
    public long FileOffset => _fileOffset + Position;

    /// <summary>Makes an exception naming the file and current offset.</summary>
    public ParquetFormatException Error(string problem) => new(FilePath, FileOffset, problem);

    /// <summary>Starts reading a struct.</summary>
    public void BeginStruct()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("thrift structures nested too deeply");
        }

        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Finishes reading a struct.</summary>
    public void EndStruct()
    {
        _lastFieldId = _lastFieldIds.Pop();
        _depth--;
    }

    /// <summary>Reads the next field header; returns false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(out ThriftType type, out short fieldId)
    {
        byte header = ReadByte();
        type = (ThriftType)(header & 0x0F);
        if (type == ThriftType.Stop)
        {
            fieldId = 0;
            return false;
        }

        if (type > ThriftType.Struct)
        {
            throw Error($"invalid thrift field type {(int)type}");
        }

        int delta = header >> 4;
        fieldId = delta != 0 ? (short)(_lastFieldId + delta) : ReadI16();
        _lastFieldId = fieldId;
        return true;
    }

    /// <summary>Reads one raw byte.</summary>
    public byte ReadByte()
    {
        if (Position >= _end)
        {
            throw Error("thrift data ends unexpectedly");
        }

        return _buffer[Position++];
    }

    /// <summary>Reads an unsigned LEB128 varint of at most 64 bits.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Error("thrift varint too long");
    }

    /// <summary>Reads a zigzag-encoded i16.</summary>
    public short ReadI16() => checked((short)ReadI64Checked(short.MinValue, short.MaxValue));

    /// <summary>Reads a zigzag-encoded i32.</summary>
    public int ReadI32() => (int)ReadI64Checked(int.MinValue, int.MaxValue);

    /// <summary>Reads a zigzag-encoded i64.</summary>
    public long ReadI64()
    {
        ulong v = ReadVarint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>Reads a boolean field value, which compact protocol carries in the field type.</summary>
    public bool ReadBool(ThriftType fieldType) => fieldType switch
    {
        ThriftType.BooleanTrue => true,
        ThriftType.BooleanFalse => false,
        _ => throw Error($"thrift field of type {fieldType} where a boolean was expected"),
    };

    /// <summary>Reads a 64-bit little-endian double.</summary>
    public double ReadDouble()
    {
        EnsureAvailable(8);
        double d = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.AsSpan(Position, 8));
        Position += 8;
        return d;
    }

    /// <summary>Reads length-prefixed bytes, checking the length against what remains.</summary>
    public byte[] ReadBinary()
    {
        int length = ReadLength();
        byte[] result = _buffer.AsSpan(Position, length).ToArray();
        Position += length;
        return result;
    }

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadString()
    {
        int length = ReadLength();
        string result = Encoding.UTF8.GetString(_buffer, Position, length);
        Position += length;
        return result;
    }

    /// <summary>Reads a list header, checking that the element count can fit in the remaining bytes.</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        byte header = ReadByte();
        elementType = (ThriftType)(header & 0x0F);
        long size = header >> 4;
        if (size == 15)
        {
            size = (long)Math.Min(ReadVarint(), int.MaxValue + 1UL);
        }

        // Every element takes at least one byte, except booleans which still take one in a list.
        if (size > _end - Position)
        {
            throw Error($"thrift list claims {size} elements but only {_end - Position} bytes remain");
        }

        return (int)size;
    }

    /// <summary>Reads a list header and fails unless its elements have <paramref name="expected"/> type.</summary>
    public int ReadListHeader(ThriftType expected, string field)
    {
        int size = ReadListHeader(out var elementType);
        if (size > 0 && elementType != expected && !(expected == ThriftType.BooleanTrue && elementType == ThriftType.BooleanFalse))
        {
            throw Error($"thrift list {field} has elements of type {elementType}, expected {expected}");
        }

        return size;
    }

    /// <summary>Skips a value of the given type, including nested containers.</summary>
    public void Skip(ThriftType type)
    {
        if (++_depth > MaxDepth)
        {
            throw Error("thrift structures nested too deeply");
        }

        switch (type)
        {
            case ThriftType.BooleanTrue:
            case ThriftType.BooleanFalse:
                break;
            case ThriftType.Byte:
                ReadByte();
                break;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64:
                ReadVarint();
                break;
            case ThriftType.Double:
                EnsureAvailable(8);
                Position += 8;
                break;
            case ThriftType.Binary:
                Position += ReadLength();
                break;
            case ThriftType.List:
            case ThriftType.Set:
                {
                    int n = ReadListHeader(out var elementType);
                    for (int i = 0; i < n; i++)
                    {
                        SkipElement(elementType);
                    }

                    break;
                }

            case ThriftType.Map:
                {
                    ulong n = ReadVarint();
                    if (n > 0)
                    {
                        if (n > (ulong)(_end - Position))
                        {
                            throw Error($"thrift map claims {n} entries but only {_end - Position} bytes remain");
                        }

                        byte kv = ReadByte();
                        for (ulong i = 0; i < n; i++)
                        {
                            SkipElement((ThriftType)(kv >> 4));
                            SkipElement((ThriftType)(kv & 0x0F));
                        }
                    }

                    break;
                }

            case ThriftType.Struct:
                BeginStruct();
                while (ReadFieldHeader(out var fieldType, out _))
                {
                    Skip(fieldType);
                }

                EndStruct();
                break;
            default:
                throw Error($"invalid thrift type {(int)type}");
        }

        _depth--;
    }

    private void SkipElement(ThriftType type)
    {
        // Booleans inside containers take one byte each.
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
        {
            ReadByte();
        }
        else
        {
            Skip(type);
        }
    }

    private long ReadI64Checked(long min, long max)
    {
        long v = ReadI64();
        if (v < min || v > max)
        {
            throw Error($"thrift integer {v} out of range");
        }

        return v;
    }

    private int ReadLength()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_end - Position))
        {
            throw Error($"thrift binary of {length} bytes but only {_end - Position} bytes remain");
        }

        return (int)length;
    }

    private void EnsureAvailable(int count)
    {
        if (_end - Position < count)
        {
            throw Error("thrift data ends unexpectedly");
        }
    }
}
