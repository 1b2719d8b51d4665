using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace JobRec.Actors.Transport;

/// <summary>Writes payload fields into a buffer writer (little-endian integers, int32-length-prefixed UTF-8 strings).</summary>
internal static class PayloadWriter
{
    public static void WriteByte(IBufferWriter<byte> w, byte value)
    {
        w.GetSpan(1)[0] = value;
        w.Advance(1);
    }

    public static void WriteInt16(IBufferWriter<byte> w, short value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(w.GetSpan(2), value);
        w.Advance(2);
    }

    public static void WriteInt32(IBufferWriter<byte> w, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(w.GetSpan(4), value);
        w.Advance(4);
    }

    public static void WriteInt64(IBufferWriter<byte> w, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    public static void WriteString(IBufferWriter<byte> w, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = w.GetSpan(4 + max);
        var n = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, n);
        w.Advance(4 + n);
    }
}
