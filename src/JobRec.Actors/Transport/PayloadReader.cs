using System.Buffers.Binary;
using System.Text;

namespace JobRec.Actors.Transport;

/// <summary>Reads the fields of one frame payload with bounds checks that name the offset of a bad field.</summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public PayloadReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly ReadOnlySpan<byte> Rest => _data[_position..];

    public byte ReadByte()
    {
        Need(1, "byte");
        return _data[_position++];
    }

    public short ReadInt16()
    {
        Need(2, "int16");
        var v = BinaryPrimitives.ReadInt16LittleEndian(_data[_position..]);
        _position += 2;
        return v;
    }

    public int ReadInt32()
    {
        Need(4, "int32");
        var v = BinaryPrimitives.ReadInt32LittleEndian(_data[_position..]);
        _position += 4;
        return v;
    }

    public long ReadInt64()
    {
        Need(8, "int64");
        var v = BinaryPrimitives.ReadInt64LittleEndian(_data[_position..]);
        _position += 8;
        return v;
    }

    public string ReadString(string field)
    {
        var at = _position;
        var length = ReadInt32();
        if (length < 0 || length > _data.Length - _position)
        {
            throw new ProtocolViolationException($"Field '{field}' at payload offset {at} declares a {length}-byte string but {_data.Length - _position} bytes remain.");
        }

        try
        {
            var s = StrictUtf8.GetString(_data.Slice(_position, length));
            _position += length;
            return s;
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolViolationException($"Field '{field}' at payload offset {at} is not valid UTF-8.");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly void Need(int bytes, string what)
    {
        if (_data.Length - _position < bytes)
        {
            throw new ProtocolViolationException($"Payload ends at offset {_data.Length} while reading a {what} at offset {_position}.");
        }
    }
}
