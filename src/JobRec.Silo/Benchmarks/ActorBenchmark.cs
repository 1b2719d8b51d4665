using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using System.Net;
using System.Net.Sockets;
using JobRec.Contracts.Benchmarks;
using JobRec.OrleansExtensions.CallChains;
using JobRec.OrleansExtensions.Storage;
using Orleans;
using JobRec.Measurement;

namespace JobRec.Silo.Benchmarks;

/// <summary>Measures Orleans grain calls in a silo, client-to-gateway round trips on loopback, and two baselines (a direct interface call, a Channel ping loop) in one process.</summary>
public static class ActorBenchmark
{
    /// <summary>Starts a silo in this process, runs every phase and returns the numbers; <paramref name="connectClient"/> opens a client SDK to a gateway address.</summary>
    public static async Task<ActorBenchmarkResult> RunAsync(ActorBenchmarkOptions options, Func<string, Task<(IGrainFactory Factory, IAsyncDisposable Handle)>> connectClient, TextWriter log)
    {
        if (options.Seconds <= 0 || options.Callers <= 0 || options.Grains <= 0)
        {
            throw new ArgumentException($"Benchmark needs positive seconds, callers and grains (got {options.Seconds}, {options.Callers}, {options.Grains}).");
        }

        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "jobrec", clusterId: "jobrec").AddJobRecMemoryGrainStorage("Default");
            if (options.CallChainDetection)
            {
                silo.AddJobRecCallChainDetection();
            }
        });
        using var app = builder.Build();
        await app.StartAsync().ConfigureAwait(false);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var gateway = $"127.0.0.1:{gatewayPort}";
        var warmup = TimeSpan.FromSeconds(Math.Min(1, options.Seconds * 0.1));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench actors: {Environment.ProcessorCount} cores (load average {LoadAverage()}), {options.Callers} callers over {options.Grains} grains, {options.Seconds:0.#} s measured, call-chain detection {(options.CallChainDetection ? "on" : "off")}; silo gateway {gateway}"));

        var local = await DriveAsync(grains, options, warmup, TimeSpan.FromSeconds(options.Seconds * 0.4)).ConfigureAwait(false);
        log.WriteLine(Describe("local   (in-silo grain calls)", local));

        var (client, handle) = await connectClient(gateway).ConfigureAwait(false);
        (double PerSecond, LatencyHistogram Latency, double CpuSeconds) remote;
        await using (handle.ConfigureAwait(false))
        {
            remote = await DriveAsync(client, options, warmup, TimeSpan.FromSeconds(options.Seconds * 0.4)).ConfigureAwait(false);
        }

        log.WriteLine(Describe("gateway (client SDK over loopback)", remote));

        var direct = await DirectAsync(TimeSpan.FromSeconds(options.Seconds * 0.1)).ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline direct interface call: {direct:0} calls/s (one caller, awaited)"));
        var channel = await ChannelPingAsync(options.Callers, TimeSpan.FromSeconds(options.Seconds * 0.1)).ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline Channel<T> ping loop: {channel.PerSecond:0} round trips/s, {channel.PerCpuSecond:0} per CPU-second ({options.Callers} callers, one consumer)"));
        await app.StopAsync().ConfigureAwait(false);

        return new ActorBenchmarkResult(
            local.PerSecond, local.Latency.PercentileMs(0.5), local.Latency.PercentileMs(0.99),
            remote.PerSecond, remote.Latency.PercentileMs(0.5), remote.Latency.PercentileMs(0.99),
            direct, channel.PerSecond,
            local.Latency.Count / Math.Max(1e-9, local.CpuSeconds), remote.Latency.Count / Math.Max(1e-9, remote.CpuSeconds));
    }

    private static string Describe(string what, (double PerSecond, LatencyHistogram Latency, double CpuSeconds) r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{what}: {r.PerSecond:0} calls/s, p50 {r.Latency.PercentileMs(0.5):0.000} ms, p99 {r.Latency.PercentileMs(0.99):0.000} ms, p99.9 {r.Latency.PercentileMs(0.999):0.000} ms ({r.Latency.Count} calls; process used {r.CpuSeconds:0.00} CPU-s = {r.Latency.Count / Math.Max(1e-9, r.CpuSeconds):0} calls per CPU-second)");

    private static async Task<(double PerSecond, LatencyHistogram Latency, double CpuSeconds)> DriveAsync(IGrainFactory factory, ActorBenchmarkOptions options, TimeSpan warmup, TimeSpan measure)
    {
        var grains = Enumerable.Range(0, options.Grains).Select(i => factory.GetGrain<IPingGrain>("ping-" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var histograms = Enumerable.Range(0, options.Callers).Select(_ => new LatencyHistogram()).ToArray();
        long measuring = 0;
        var warmed = 0;
        var stop = false;
        var callers = Enumerable.Range(0, options.Callers).Select(i => Task.Run(async () =>
        {
            var grain = grains[i % grains.Length];
            var h = histograms[i];
            var v = await grain.Ping(0).ConfigureAwait(false);
            Interlocked.Increment(ref warmed);
            while (!Volatile.Read(ref stop))
            {
                var start = Stopwatch.GetTimestamp();
                v = await grain.Ping(v).ConfigureAwait(false);
                if (Volatile.Read(ref measuring) != 0)
                {
                    h.RecordSince(start);
                }
            }
        })).ToArray();

        // The window opens once every caller has had its first answer (a new client's first calls connect, activate and compile, which
        // took longer than a short window on a busy machine) and the warm-up has passed.
        await WaitForAsync(() => Volatile.Read(ref warmed) == options.Callers || callers.Any(c => c.IsFaulted), FirstCallTimeout).ConfigureAwait(false);
        if (callers.FirstOrDefault(c => c.IsFaulted) is { } failed)
        {
            Volatile.Write(ref stop, true);
            await failed.ConfigureAwait(false);
        }

        if (Volatile.Read(ref warmed) < options.Callers)
        {
            Volatile.Write(ref stop, true);
            throw new TimeoutException($"only {Volatile.Read(ref warmed)} of {options.Callers} callers had a first answer within {FirstCallTimeout.TotalSeconds:0} s");
        }

        await SleepAsync(warmup).ConfigureAwait(false);
        var cpu = ProcessCpu();
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await SleepAsync(measure).ConfigureAwait(false);
        Volatile.Write(ref measuring, 0);
        var elapsed = watch.Elapsed.TotalSeconds;
        cpu = ProcessCpu() - cpu;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(callers).ConfigureAwait(false);

        var all = new LatencyHistogram();
        foreach (var h in histograms)
        {
            all.Add(h);
        }

        return (all.Count / elapsed, all, cpu);
    }

    // The windows are timed on a dedicated thread: under 1,000 callers a thread-pool timer fired many seconds late on 2 cores.
    private static Task SleepAsync(TimeSpan time) =>
        Task.Factory.StartNew(() => Thread.Sleep(time), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static readonly TimeSpan FirstCallTimeout = TimeSpan.FromSeconds(60);

    private static Task WaitForAsync(Func<bool> done, TimeSpan timeout) => Task.Factory.StartNew(
        () =>
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (!done() && Stopwatch.GetTimestamp() < deadline)
            {
                Thread.Sleep(5);
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static double ProcessCpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    private static async Task<double> DirectAsync(TimeSpan measure)
    {
        IPingGrain target = new DirectPing();
        var watch = Stopwatch.StartNew();
        long calls = 0;
        var v = 0;
        while (watch.Elapsed < measure)
        {
            for (var i = 0; i < 1024; i++)
            {
                v = await target.Ping(v).ConfigureAwait(false);
            }

            calls += 1024;
        }

        return calls / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double PerSecond, double PerCpuSecond)> ChannelPingAsync(int callers, TimeSpan measure)
    {
        var requests = Channel.CreateUnbounded<(int Value, TaskCompletionSource<int> Reply)>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = Task.Run(async () =>
        {
            while (await requests.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (requests.Reader.TryRead(out var r))
                {
                    r.Reply.TrySetResult(r.Value + 1);
                }
            }
        });
        long count = 0;
        var stop = false;
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            long n = 0;
            var v = 0;
            while (!Volatile.Read(ref stop))
            {
                var reply = new TaskCompletionSource<int>();
                requests.Writer.TryWrite((v, reply));
                v = await reply.Task.ConfigureAwait(false);
                n++;
            }

            Interlocked.Add(ref count, n);
        })).ToArray();
        var cpu = ProcessCpu();
        var watch = Stopwatch.StartNew();
        await Task.Delay(measure).ConfigureAwait(false);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = watch.Elapsed.TotalSeconds;
        cpu = ProcessCpu() - cpu;
        requests.Writer.TryComplete();
        await consumer.ConfigureAwait(false);
        var n = Interlocked.Read(ref count);
        return (n / elapsed, n / Math.Max(1e-9, cpu));
    }
}
