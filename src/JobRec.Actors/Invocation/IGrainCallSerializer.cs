using System.Buffers;

namespace JobRec.Actors.Invocation;

/// <summary>Serializes grain call arguments and results for the wire (gateway and silo-to-silo); must be thread-safe.</summary>
public interface IGrainCallSerializer
{
    /// <summary>Writes the arguments of a call to <paramref name="method"/>.</summary>
    void WriteArguments(IBufferWriter<byte> output, GrainMethod method, object?[] arguments);

    /// <summary>Reads arguments written by <see cref="WriteArguments"/>; throws InvalidDataException naming the bad argument.</summary>
    object?[] ReadArguments(ReadOnlySpan<byte> input, GrainMethod method);

    /// <summary>Writes the result of a completed call (nothing for void methods).</summary>
    void WriteResult(IBufferWriter<byte> output, GrainMethod method, object? result);

    /// <summary>Reads a result written by <see cref="WriteResult"/>.</summary>
    object? ReadResult(ReadOnlySpan<byte> input, GrainMethod method);
}
