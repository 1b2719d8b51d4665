using System.Buffers;
using System.Buffers.Binary;

namespace JobRec.Actors.Transport;

/// <summary>Cuts length-prefixed frames ([int32 little-endian length][payload]) out of a byte stream, enforcing the size limit.</summary>
internal static class FrameReader
{
    public const int HeaderBytes = 4;

    /// <summary>Takes one complete frame payload off the front of <paramref name="buffer"/>; false when more bytes are needed.</summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, long streamOffset, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < HeaderBytes)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        buffer.Slice(0, HeaderBytes).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length <= 0 || length > maxFrameBytes)
        {
            throw new ProtocolViolationException($"Frame at stream offset {streamOffset} declares {length} bytes; frames must be 1..{maxFrameBytes} bytes.");
        }

        if (buffer.Length < HeaderBytes + length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderBytes, length);
        buffer = buffer.Slice(HeaderBytes + length);
        return true;
    }
}
