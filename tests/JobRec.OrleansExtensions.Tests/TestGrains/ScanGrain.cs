using Orleans;

namespace JobRec.OrleansExtensions.Tests.TestGrains;

/// <summary>Records how its read-only scans (run on the thread pool like IndexShardGrain's, held by its <see cref="ScanGate"/>) and its writes overlap.</summary>
public sealed class ScanGrain : Grain, IScanGrain
{
    private int _value;
    private int _scans;
    private int _maxScans;
    private int _writers;
    private int _overlaps;

    public async Task<int> Scan()
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

        // The scan's work runs on the thread pool (as IndexShardGrain's do) and lasts until the test releases it.
        var gate = ScanGate.For(this.GetPrimaryKeyString());
        await Task.Run(gate.Hold);
        var value = _value;
        Interlocked.Decrement(ref _scans);
        return value;
    }

    public async Task<int> Write()
    {
        Interlocked.Increment(ref _writers);
        if (Volatile.Read(ref _scans) > 0)
        {
            Interlocked.Increment(ref _overlaps);
        }

        await Task.Yield();
        _value++;
        Interlocked.Decrement(ref _writers);
        return _value;
    }

    public Task<ScanStats> Stats() => Task.FromResult(new ScanStats(Volatile.Read(ref _maxScans), Volatile.Read(ref _overlaps)));
}
