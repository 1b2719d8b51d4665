using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using JobRec.Actors.Hosting;
using JobRec.Actors.Invocation;
using JobRec.Actors.Runtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobRec.Actors.Transport;

/// <summary>Kestrel connection handler of the gateway: reads request frames, calls grains, writes responses as they complete (multiplexed by request id); a bad frame closes only its connection.</summary>
public sealed class GatewayConnectionHandler : ConnectionHandler
{
    private readonly GrainRuntime _runtime;
    private readonly IGrainCallSerializer _serializer;
    private readonly ILogger<GatewayConnectionHandler> _logger;
    private readonly int _maxFrameBytes;

    /// <summary>Creates the handler from the silo's services.</summary>
    public GatewayConnectionHandler(GrainRuntime runtime, IGrainCallSerializer serializer, IOptions<SiloOptions> options, ILogger<GatewayConnectionHandler> logger)
    {
        _runtime = runtime;
        _serializer = serializer;
        _logger = logger;
        _maxFrameBytes = options.Value.MaxFrameBytes;
    }

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var responses = Channel.CreateUnbounded<PendingResponse>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteResponsesAsync(connection.Transport.Output, responses.Reader);
        var input = connection.Transport.Input;
        var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, closeRequested);
        long offset = 0;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var before = buffer.Length;
                while (FrameReader.TryReadFrame(ref buffer, _maxFrameBytes, offset + (before - buffer.Length), out var payload))
                {
                    HandleFrame(payload, responses.Writer);
                }

                offset += before - buffer.Length;
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (ProtocolViolationException e)
        {
            _logger.LogWarning("Gateway closes connection {ConnectionId} from {Remote}: {Reason}", connection.ConnectionId, connection.RemoteEndPoint, e.Message);
        }
        catch (Exception e) when (e is ConnectionResetException or OperationCanceledException or IOException)
        {
            // The peer went away.
        }
        finally
        {
            responses.Writer.TryComplete();
        }

        try
        {
            await writer.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionResetException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // The connection is closing.
        }
    }

    private void HandleFrame(ReadOnlySequence<byte> payload, ChannelWriter<PendingResponse> responses)
    {
        byte[]? rented = null;
        ReadOnlySpan<byte> span;
        if (payload.IsSingleSegment)
        {
            span = payload.FirstSpan;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)payload.Length);
            payload.CopyTo(rented);
            span = rented.AsSpan(0, (int)payload.Length);
        }

        try
        {
            var reader = new PayloadReader(span);
            var kind = (MessageKind)reader.ReadByte();
            if (kind != MessageKind.Request)
            {
                throw new ProtocolViolationException($"Frame kind {(byte)kind} is not a request (expected {(byte)MessageKind.Request}).");
            }

            var id = reader.ReadInt64();
            var header = GrainMessageCodec.ReadRequestHeader(ref reader, id);
            Dispatch(header, reader.Rest, responses);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void Dispatch(RequestHeader header, ReadOnlySpan<byte> arguments, ChannelWriter<PendingResponse> responses)
    {
        GrainMethod? method = null;
        Task<object?> call;
        try
        {
            var iface = _runtime.Registry.ResolveInterface(header.InterfaceName);
            method = iface.FindMethod(header.MethodSignature) ?? throw new MissingMethodException(
                $"Grain interface {header.InterfaceName} has no method '{header.MethodSignature}' (client and silo versions differ?).");
            if (header.Key.Length == 0)
            {
                throw new ArgumentException($"Grain key for {header.InterfaceName} must be a non-empty string.");
            }

            var args = _serializer.ReadArguments(arguments, method);
            TimeSpan? timeout = header.TimeoutMs > 0 ? TimeSpan.FromMilliseconds(header.TimeoutMs) : null;
            call = _runtime.InvokeAsync(new GrainReference(iface, header.Key), method, args, header.Chain, timeout, (header.Flags & RequestFlags.Forwarded) != 0);
        }
        catch (Exception e)
        {
            call = Task.FromException<object?>(e);
        }

        var pending = new PendingResponse(header.Id, method, call);
        if (call.IsCompleted)
        {
            responses.TryWrite(pending);
        }
        else
        {
            call.ContinueWith(
                static (_, state) =>
                {
                    var (p, w) = ((PendingResponse, ChannelWriter<PendingResponse>))state!;
                    w.TryWrite(p);
                },
                (pending, responses),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task WriteResponsesAsync(PipeWriter output, ChannelReader<PendingResponse> responses)
    {
        var payload = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (await responses.WaitToReadAsync().ConfigureAwait(false))
            {
                while (responses.TryRead(out var r))
                {
                    payload.ResetWrittenCount();
                    try
                    {
                        if (r.Call.IsCompletedSuccessfully)
                        {
                            GrainMessageCodec.WriteOk(payload, r.Id, r.Method!, r.Call.Result, _serializer);
                        }
                        else
                        {
                            GrainMessageCodec.WriteError(payload, r.Id, r.Call.Exception?.InnerException ?? new TaskCanceledException("The grain call was canceled."));
                        }
                    }
                    catch (Exception e)
                    {
                        payload.ResetWrittenCount();
                        GrainMessageCodec.WriteError(payload, r.Id, new InvalidDataException($"The result of {r.Method} could not be serialized: {e.Message}", e));
                    }

                    FrameWriter.Write(output, payload.WrittenSpan);
                }

                var flush = await output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private readonly record struct PendingResponse(long Id, GrainMethod? Method, Task<object?> Call);
}
