using System.Diagnostics;
using Orleans;

namespace JobRec.OrleansExtensions.Tests.TestGrains;

/// <summary>Records how its read-only scans (run on the thread pool like IndexShardGrain's) and its writes overlap.</summary>
public sealed class ScanGrain : Grain, IScanGrain
{
    private int _value;
    private int _scans;
    private int _maxScans;
    private int _writers;
    private int _overlaps;

    public async Task<int> Scan(int milliseconds, int peers)
    {
        var now = Interlocked.Increment(ref _scans);
        int seen;
        while ((seen = Volatile.Read(ref _maxScans)) < now && Interlocked.CompareExchange(ref _maxScans, now, seen) != seen)
        {
        }

        if (Volatile.Read(ref _writers) > 0)
        {
            Interlocked.Increment(ref _overlaps);
        }

        await Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < milliseconds)
            {
                Thread.SpinWait(1000);
            }

            // A peer can only join while this scan runs if read-only calls interleave; without that this waits out the 10 s.
            while (Volatile.Read(ref _scans) < peers && watch.ElapsedMilliseconds < 10_000)
            {
                Thread.Sleep(1);
            }
        });
        var value = _value;
        Interlocked.Decrement(ref _scans);
        return value;
    }

    public async Task<int> Write(int milliseconds)
    {
        Interlocked.Increment(ref _writers);
        if (Volatile.Read(ref _scans) > 0)
        {
            Interlocked.Increment(ref _overlaps);
        }

        await Task.Delay(milliseconds);
        _value++;
        Interlocked.Decrement(ref _writers);
        return _value;
    }

    public Task<ScanStats> Stats() => Task.FromResult(new ScanStats(Volatile.Read(ref _maxScans), Volatile.Read(ref _overlaps)));
}
