using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using JobRec.Actors.Invocation;
using JobRec.Actors.Runtime;

namespace JobRec.Actors.Transport;

/// <summary>One TCP connection to a silo gateway carrying many concurrent calls, matched to responses by request id; used by the client SDK and for silo-to-silo forwarding.</summary>
public sealed class GatewayConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<PendingCall> _outgoing = Channel.CreateUnbounded<PendingCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly IGrainCallSerializer _serializer;
    private readonly ResponseTimeoutWheel _timeouts = new(TimeSpan.FromMilliseconds(20));
    private readonly int _maxFrameBytes;
    private readonly RequestFlags _flags;
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private readonly Task _writeLoop;
    private long _nextId;
    private long _lastReceiveMs = Environment.TickCount64;

    private GatewayConnection(Socket socket, string endpoint, IGrainCallSerializer serializer, int maxFrameBytes, RequestFlags flags)
    {
        _socket = socket;
        Endpoint = endpoint;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream);
        _output = PipeWriter.Create(_stream);
        _serializer = serializer;
        _maxFrameBytes = maxFrameBytes;
        _flags = flags;
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The host:port this connection goes to.</summary>
    public string Endpoint { get; }

    /// <summary>Whether the connection is still open.</summary>
    public bool IsConnected => !_closed.Task.IsCompleted;

    /// <summary>Completes with the reason when the connection closes.</summary>
    public Task<Exception> Closed => _closed.Task;

    /// <summary>Environment.TickCount64 when bytes last arrived from the gateway (or when the connection opened).</summary>
    public long LastReceiveMs => Volatile.Read(ref _lastReceiveMs);

    /// <summary>Number of calls awaiting a response.</summary>
    public int PendingCalls => _pending.Count;

    /// <summary>Opens a connection to <paramref name="endpoint"/> (host:port); throws SocketException or TimeoutException when nothing answers within <paramref name="connectTimeout"/>.</summary>
    public static async Task<GatewayConnection> ConnectAsync(string endpoint, TimeSpan connectTimeout, IGrainCallSerializer? serializer = null, int maxFrameBytes = 4 * 1024 * 1024, bool forwardedBySilo = false, CancellationToken cancellationToken = default)
    {
        var (host, port) = ParseEndpoint(endpoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No answer from gateway {endpoint} within {connectTimeout.TotalMilliseconds:0} ms.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new GatewayConnection(socket, endpoint, serializer ?? new JsonGrainCallSerializer(), maxFrameBytes, forwardedBySilo ? RequestFlags.Forwarded : RequestFlags.None);
    }

    /// <summary>Parses "host:port" into its parts, or throws FormatException naming the bad endpoint.</summary>
    public static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            throw new FormatException($"Gateway endpoint '{endpoint}' is not host:port.");
        }

        return (endpoint[..colon].Trim('[', ']'), port);
    }

    /// <summary>Sends a call and returns its result; fails with GrainCallTimeoutException after <paramref name="timeout"/> or ConnectionLostException if the connection closes first.</summary>
    public Task<object?> SendAsync(GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan timeout)
    {
        var call = new PendingCall(this, Interlocked.Increment(ref _nextId), target, method, arguments, chain, timeout);
        _pending[call.Id] = call;
        if (!IsConnected || !_outgoing.Writer.TryWrite(call))
        {
            _pending.TryRemove(call.Id, out _);
            call.TrySetException(new ConnectionLostException($"Connection to gateway {Endpoint} is closed."));
            return call.Task;
        }

        call.Registration = _timeouts.Register(call);
        return call.Task;
    }

    /// <summary>Closes the connection because the gateway stopped answering; calls in flight fail with ConnectionLostException naming <paramref name="reason"/>.</summary>
    public void Abort(string reason) => Close(new ConnectionLostException($"Connection to gateway {Endpoint} was dropped: {reason}"));

    /// <summary>Closes the connection; calls in flight fail with ConnectionLostException.</summary>
    public async ValueTask DisposeAsync()
    {
        Close(new ConnectionLostException($"Connection to gateway {Endpoint} was closed by this side."));
        try
        {
            await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Loops end with the socket.
        }

        _timeouts.Dispose();
    }

    private void Close(Exception reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception)
        {
            // Already closed.
        }

        _socket.Dispose();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var call))
            {
                call.TrySetException(reason as ConnectionLostException ?? new ConnectionLostException($"Connection to gateway {Endpoint} closed while the call was in flight: {reason.Message}", reason));
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var payload = new ArrayBufferWriter<byte>(1024);
        try
        {
            var reader = _outgoing.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var call))
                {
                    if (call.Task.IsCompleted)
                    {
                        continue;
                    }

                    payload.ResetWrittenCount();
                    try
                    {
                        GrainMessageCodec.WriteRequest(payload, call.Id, _flags, call.Timeout, call.Target, call.Method, call.Chain, call.Arguments, _serializer);
                    }
                    catch (Exception e)
                    {
                        _pending.TryRemove(call.Id, out _);
                        call.TrySetException(new ArgumentException($"Arguments of {call.Method} could not be serialized: {e.Message}", e));
                        continue;
                    }

                    if (payload.WrittenCount > _maxFrameBytes)
                    {
                        _pending.TryRemove(call.Id, out _);
                        call.TrySetException(new ArgumentException($"Call {call.Method} is {payload.WrittenCount} bytes; the frame limit is {_maxFrameBytes} bytes."));
                        continue;
                    }

                    FrameWriter.Write(_output, payload.WrittenSpan);
                }

                var flush = await _output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            Close(e);
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception reason = new ConnectionLostException($"Gateway {Endpoint} closed the connection.");
        long offset = 0;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync().ConfigureAwait(false);
                Volatile.Write(ref _lastReceiveMs, Environment.TickCount64);
                var buffer = result.Buffer;
                var before = buffer.Length;
                while (FrameReader.TryReadFrame(ref buffer, _maxFrameBytes, offset + (before - buffer.Length), out var frame))
                {
                    HandleResponse(frame);
                }

                offset += before - buffer.Length;
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            reason = e as ConnectionLostException ?? new ConnectionLostException($"Connection to gateway {Endpoint} failed: {e.Message}", e);
        }

        Close(reason);
    }

    private void HandleResponse(ReadOnlySequence<byte> frame)
    {
        var data = frame.IsSingleSegment ? frame.FirstSpan : frame.ToArray();
        var reader = new PayloadReader(data);
        var kind = (MessageKind)reader.ReadByte();
        if (kind != MessageKind.Response)
        {
            throw new ProtocolViolationException($"Gateway {Endpoint} sent frame kind {(byte)kind}; expected a response.");
        }

        var id = reader.ReadInt64();
        var status = (ResponseStatus)reader.ReadByte();
        if (!_pending.TryRemove(id, out var call))
        {
            return; // timed out already
        }

        try
        {
            if (status == ResponseStatus.Ok)
            {
                call.TrySetResult(_serializer.ReadResult(reader.Rest, call.Method));
            }
            else
            {
                call.TrySetException(GrainMessageCodec.ReadError(ref reader, status));
            }
        }
        catch (Exception e)
        {
            call.TrySetException(e);
        }
    }

    private sealed class PendingCall : PendingResponse
    {
        private readonly GatewayConnection _owner;

        public PendingCall(GatewayConnection owner, long id, GrainReference target, GrainMethod method, object?[] arguments, CallChain? chain, TimeSpan timeout)
            : base(timeout, TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _owner = owner;
            Id = id;
            Target = target;
            Method = method;
            Arguments = arguments;
            Chain = chain;
        }

        public long Id { get; }

        public GrainReference Target { get; }

        public GrainMethod Method { get; }

        public object?[] Arguments { get; }

        public CallChain? Chain { get; }

        public override void OnTimeout()
        {
            _owner._pending.TryRemove(Id, out _);
            TrySetException(new GrainCallTimeoutException($"Call {Method} on grain {Target} via gateway {_owner.Endpoint} got no response within {Timeout.TotalMilliseconds:0} ms."));
        }
    }
}
