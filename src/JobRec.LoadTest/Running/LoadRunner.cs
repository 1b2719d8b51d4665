using System.Collections.Concurrent;
using JobRec.LoadTest.Measurement;
using JobRec.LoadTest.Scenarios;
using JobRec.Measurement;

namespace JobRec.LoadTest.Running;

/// <summary>Drives a <see cref="WeightedScenario"/> in closed- or open-loop mode for a bounded time and measures every call.</summary>
public sealed class LoadRunner
{
    private readonly WeightedScenario _scenario;
    private readonly LoadTestOptions _options;
    private readonly Dictionary<string, OperationStats> _stats;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly TimeProvider _time;
    private long _measureStart;
    private long _started;
    private long _cancelledAtGrace;

    /// <summary>Creates a runner; the options are validated here. Every wait, bound and latency is read from <paramref name="time"/>
    /// (the system clock when null), so a test can drive the run with a fake clock.</summary>
    public LoadRunner(WeightedScenario scenario, LoadTestOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _scenario = scenario;
        _options = options;
        _time = time ?? TimeProvider.System;
        _stats = scenario.Operations.ToDictionary(o => o.Name, o => new OperationStats(o.Name), StringComparer.Ordinal);
    }

    /// <summary>Runs warm-up then the measured duration, writes a progress line every second to <paramref name="progress"/> when given, and returns what was measured.</summary>
    public async Task<LoadTestResult> RunAsync(TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        var begin = _time.GetTimestamp();
        _measureStart = begin + ToTicks(_options.WarmUp);
        var end = _measureStart + ToTicks(_options.Duration);
        using var timeLimit = new CancellationTokenSource(_options.WarmUp + _options.Duration, _time);
        using var stopIssuing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token);
        using var abortCalls = new CancellationTokenSource();

        using var ticker = progress is null ? null : _time.CreateTimer(_ => WriteProgress(progress, begin), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var generator = _options.Mode == LoadMode.Closed
            ? RunClosedAsync(end, stopIssuing.Token, abortCalls.Token)
            : RunOpenAsync(begin, end, stopIssuing.Token, abortCalls.Token);
        // The bound is the time limit, not the generator finishing: in closed loop a virtual user stuck in a call
        // would otherwise keep the generator (and the run) alive forever.
        var bound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stopIssuing.Token.Register(() => bound.TrySetResult()))
        {
            await Task.WhenAny(generator, bound.Task).ConfigureAwait(false);
        }

        var pending = _inFlight.Keys.ToArray();
        var drained = Task.WhenAll(pending.Append(generator));
        if (await Task.WhenAny(drained, Task.Delay(_options.GraceTimeout, _time, CancellationToken.None)).ConfigureAwait(false) != drained)
        {
            // Every call still running is aborted, including one a virtual user issued just as the bound passed; each counts
            // itself when its cancellation arrives.
            await abortCalls.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None)).ConfigureAwait(false);
        if (progress is not null)
        {
            WriteProgress(progress, begin);
            await progress.WriteLineAsync().ConfigureAwait(false);
        }

        var measured = Math.Max(0, Math.Min(_time.GetTimestamp(), end) - _measureStart) / (double)_time.TimestampFrequency;
        return new LoadTestResult(_options, _stats.Values.ToArray(), measured, Interlocked.Read(ref _started), Interlocked.Read(ref _cancelledAtGrace));
    }

    private async Task RunClosedAsync(long end, CancellationToken stop, CancellationToken abort)
    {
        var users = Enumerable.Range(0, _options.Users).Select(u => Task.Run(() => VirtualUserAsync(u, end, stop, abort), CancellationToken.None));
        await Task.WhenAll(users).ConfigureAwait(false);
    }

    private async Task VirtualUserAsync(int user, long end, CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(HashCode.Combine(_options.Seed, user));
        while (!stop.IsCancellationRequested && _time.GetTimestamp() < end)
        {
            var call = InvokeAsync(_scenario.Next(random), _time.GetTimestamp(), abort);
            _inFlight.TryAdd(call, 0);
            await call.ConfigureAwait(false);
            _inFlight.TryRemove(call, out _);
            if (_options.ThinkTime > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(_options.ThinkTime, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunOpenAsync(long begin, long end, CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(_options.Seed);
        var interval = _time.TimestampFrequency / _options.RatePerSecond;
        for (long i = 0; ; i++)
        {
            var intended = begin + (long)(i * interval);
            if (intended >= end || stop.IsCancellationRequested)
            {
                // The measured window is the whole duration, also when the last arrival falls before its end.
                await WaitUntilAsync(end, stop).ConfigureAwait(false);
                return;
            }

            if (!await WaitUntilAsync(intended, stop).ConfigureAwait(false))
            {
                return;
            }

            // Latency counts from the intended start, so a slow target cannot hide queueing (coordinated omission).
            var call = InvokeAsync(_scenario.Next(random), intended, abort);
            if (!call.IsCompleted)
            {
                _inFlight.TryAdd(call, 0);
                _ = call.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Waits until the clock reads <paramref name="timestamp"/>; false when <paramref name="stop"/> ended the wait first.</summary>
    private async Task<bool> WaitUntilAsync(long timestamp, CancellationToken stop)
    {
        var wait = timestamp - _time.GetTimestamp();
        if (wait <= 0)
        {
            return !stop.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(wait / (double)_time.TimestampFrequency), _time, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task InvokeAsync(LoadOperation operation, long intendedStart, CancellationToken abort)
    {
        if (intendedStart >= _measureStart)
        {
            Interlocked.Increment(ref _started);
        }

        Exception? error = null;
        try
        {
            await operation.Invoke(abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            Interlocked.Increment(ref _cancelledAtGrace);
            return;
        }
#pragma warning disable CA1031 // Every failure of the target is a measured outcome, counted by type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e;
        }

        var done = _time.GetTimestamp();
        if (intendedStart < _measureStart)
        {
            return;
        }

        var second = (int)((done - _measureStart) / _time.TimestampFrequency);
        _stats[operation.Name].Record(_time.GetElapsedTime(intendedStart, done), second, error);
    }

    private void WriteProgress(TextWriter progress, long begin)
    {
        var elapsed = _time.GetElapsedTime(begin).TotalSeconds;
        var total = (_options.WarmUp + _options.Duration).TotalSeconds;
        long ops = 0, errors = 0;
        var all = new LatencyHistogram();
        foreach (var s in _stats.Values)
        {
            ops += s.Latency.Count;
            errors += s.Errors;
            all.Add(s.Latency);
        }

        var measured = Math.Max(1e-9, _time.GetElapsedTime(_measureStart).TotalSeconds);
        var phase = _time.GetTimestamp() < _measureStart ? "warm-up" : "load";
        lock (progress)
        {
            progress.Write(FormattableString.Invariant(
                $"\r[{phase} {elapsed,5:F0}s/{total:F0}s] ops={ops} ops/s={(phase == "load" ? ops / measured : 0):F0} p99_ms={all.PercentileMs(0.99):F1} errors={errors} in_flight={_inFlight.Count}   "));
            progress.Flush();
        }
    }

    private long ToTicks(TimeSpan t) => (long)(t.TotalSeconds * _time.TimestampFrequency);
}
