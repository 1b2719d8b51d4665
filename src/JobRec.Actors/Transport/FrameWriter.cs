using System.Buffers;
using System.Buffers.Binary;

namespace JobRec.Actors.Transport;

/// <summary>Writes one frame: the payload length as int32 little-endian, then the payload.</summary>
internal static class FrameWriter
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        var span = output.GetSpan(FrameReader.HeaderBytes + payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, payload.Length);
        payload.CopyTo(span[FrameReader.HeaderBytes..]);
        output.Advance(FrameReader.HeaderBytes + payload.Length);
    }
}
