using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace JobRec.Silo.Hosting;

/// <summary>Connection middleware of the gateway listener enforcing <see cref="GatewayConnectionLimits"/>: refuses connections past the
/// maximum and closes a connection whose client sent nothing for the idle timeout. Runs outside TLS, so a client stuck in its handshake
/// counts too.</summary>
public sealed class GatewayConnectionGuard(GatewayConnectionLimits limits, ILogger<GatewayConnectionGuard> logger)
{
    private int _open;

    /// <summary>Connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>The middleware: wraps the rest of the connection pipeline.</summary>
    public ConnectionDelegate Wrap(ConnectionDelegate next) => async context =>
    {
        if (Interlocked.Increment(ref _open) > limits.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            logger.LogWarning("gateway: refused connection from {Remote}: {Max} connections already open", context.RemoteEndPoint, limits.MaxConnections);
            context.Abort(new ConnectionAbortedException($"the gateway already holds {limits.MaxConnections} connections"));
            return;
        }

        var input = new IdleTrackingReader(context.Transport.Input);
        context.Transport = new DuplexPipe(input, context.Transport.Output);
        using var stop = new CancellationTokenSource();
        var watchdog = WatchAsync(context, input, stop.Token);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await watchdog.ConfigureAwait(false);
            Interlocked.Decrement(ref _open);
        }
    };

    private async Task WatchAsync(ConnectionContext context, IdleTrackingReader input, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, limits.IdleTimeout.Ticks / 4));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, cancellationToken).ConfigureAwait(false);
                if (Stopwatch.GetElapsedTime(input.LastActivity) > limits.IdleTimeout)
                {
                    logger.LogInformation("gateway: closed connection from {Remote}: nothing received for {Idle}", context.RemoteEndPoint, limits.IdleTimeout);
                    context.Abort(new ConnectionAbortedException($"no data for {limits.IdleTimeout}"));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the connection ended
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>A reader that remembers when bytes last arrived.</summary>
    private sealed class IdleTrackingReader(PipeReader inner) : PipeReader
    {
        private long _last = Stopwatch.GetTimestamp();

        public long LastActivity => Volatile.Read(ref _last);

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
            Touch(result);
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result))
            {
                return false;
            }

            Touch(result);
            return true;
        }

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        private void Touch(ReadResult result)
        {
            // A read that returns bytes counts as activity (Orleans consumes what it reads, so that is new data in practice).
            if (!result.Buffer.IsEmpty)
            {
                Volatile.Write(ref _last, Stopwatch.GetTimestamp());
            }
        }
    }
}
