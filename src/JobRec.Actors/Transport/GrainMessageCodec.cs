using System.Buffers;
using JobRec.Actors.Invocation;
using JobRec.Actors.Runtime;

namespace JobRec.Actors.Transport;

/// <summary>Encodes and decodes request and response payloads: [kind][id] then, for requests, flags, timeout, interface, method, key, call chain and arguments; for responses, a status and a result or an error.</summary>
internal static class GrainMessageCodec
{
    private const int MaxChainDepth = 256;

    public static void WriteRequest(IBufferWriter<byte> w, long id, RequestFlags flags, TimeSpan timeout, GrainReference target, GrainMethod method, CallChain? chain, object?[] arguments, IGrainCallSerializer serializer)
    {
        PayloadWriter.WriteByte(w, (byte)MessageKind.Request);
        PayloadWriter.WriteInt64(w, id);
        PayloadWriter.WriteByte(w, (byte)flags);
        PayloadWriter.WriteInt32(w, (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds));
        PayloadWriter.WriteString(w, target.Interface.Name);
        PayloadWriter.WriteString(w, method.Signature);
        PayloadWriter.WriteString(w, target.Key);
        var links = chain?.ToList() ?? [];
        PayloadWriter.WriteInt16(w, (short)links.Count);
        foreach (var link in links)
        {
            PayloadWriter.WriteString(w, link.Type);
            PayloadWriter.WriteString(w, link.Key);
        }

        serializer.WriteArguments(w, method, arguments);
    }

    /// <summary>Reads a request's fields after [kind][id]; the reader is left at the arguments.</summary>
    public static RequestHeader ReadRequestHeader(ref PayloadReader r, long id)
    {
        var flags = (RequestFlags)r.ReadByte();
        var timeoutMs = r.ReadInt32();
        var iface = r.ReadString("interface");
        var signature = r.ReadString("method");
        var key = r.ReadString("key");
        var depth = r.ReadInt16();
        if (depth < 0 || depth > MaxChainDepth)
        {
            throw new ProtocolViolationException($"Request {id} declares a call chain of {depth} links; allowed 0..{MaxChainDepth}.");
        }

        CallChain? chain = null;
        for (var i = 0; i < depth; i++)
        {
            var type = r.ReadString("chain type");
            var k = r.ReadString("chain key");
            if (type.Length == 0 || k.Length == 0)
            {
                throw new ProtocolViolationException($"Request {id} has an empty grain id in call-chain link {i}.");
            }

            chain = new CallChain(new GrainId(type, k), chain);
        }

        return new RequestHeader(id, flags, timeoutMs, iface, signature, key, chain);
    }

    public static void WriteOk(IBufferWriter<byte> w, long id, GrainMethod method, object? result, IGrainCallSerializer serializer)
    {
        PayloadWriter.WriteByte(w, (byte)MessageKind.Response);
        PayloadWriter.WriteInt64(w, id);
        PayloadWriter.WriteByte(w, (byte)ResponseStatus.Ok);
        serializer.WriteResult(w, method, result);
    }

    public static void WriteError(IBufferWriter<byte> w, long id, Exception error)
    {
        PayloadWriter.WriteByte(w, (byte)MessageKind.Response);
        PayloadWriter.WriteInt64(w, id);
        if (error is GrainMovedException)
        {
            PayloadWriter.WriteByte(w, (byte)ResponseStatus.Moved);
            PayloadWriter.WriteString(w, error.Message);
            return;
        }

        var type = error.GetType();
        PayloadWriter.WriteByte(w, (byte)ResponseStatus.Error);
        PayloadWriter.WriteString(w, $"{type.FullName}, {type.Assembly.GetName().Name}");
        PayloadWriter.WriteString(w, error.Message);
        PayloadWriter.WriteString(w, error.StackTrace ?? string.Empty);
    }

    /// <summary>Reads an error response after its status byte and recreates the exception (its own type when it has a (string) constructor).</summary>
    public static Exception ReadError(ref PayloadReader r, ResponseStatus status)
    {
        if (status == ResponseStatus.Moved)
        {
            return new GrainMovedException(r.ReadString("message"));
        }

        var typeName = r.ReadString("exception type");
        var message = r.ReadString("message");
        var stack = r.ReadString("stack trace");
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && type.GetConstructor([typeof(string)]) is { } ctor)
        {
            try
            {
                return (Exception)ctor.Invoke([message]);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // Fall through to the generic stand-in.
            }
        }

        return new RemoteGrainException(typeName.Split(',')[0], message, stack);
    }
}
