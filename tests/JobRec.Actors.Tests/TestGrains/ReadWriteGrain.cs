namespace JobRec.Actors.Tests.TestGrains;

/// <summary>Records how its [ReadOnly] and ordinary turns overlap.</summary>
public sealed class ReadWriteGrain : Grain, IReadWriteGrain
{
    private int _value;
    private int _readers;
    private int _maxReaders;
    private int _writers;
    private int _overlaps;

    public async Task<int> Read(int milliseconds, bool block)
    {
        var now = Interlocked.Increment(ref _readers);
        int seen;
        while ((seen = Volatile.Read(ref _maxReaders)) < now && Interlocked.CompareExchange(ref _maxReaders, now, seen) != seen)
        {
        }

        if (Volatile.Read(ref _writers) > 0)
        {
            Interlocked.Increment(ref _overlaps);
        }

        if (block)
        {
            Thread.Sleep(milliseconds);
        }
        else
        {
            await Task.Delay(milliseconds);
        }

        var value = Volatile.Read(ref _value);
        Interlocked.Decrement(ref _readers);
        return value;
    }

    public async Task<int> Write(int milliseconds)
    {
        Interlocked.Increment(ref _writers);
        if (Volatile.Read(ref _readers) > 0)
        {
            Interlocked.Increment(ref _overlaps);
        }

        await Task.Delay(milliseconds);
        if (Volatile.Read(ref _readers) > 0)
        {
            Interlocked.Increment(ref _overlaps);
        }

        _value++;
        Interlocked.Decrement(ref _writers);
        return _value;
    }

    public Task<(int MaxReaders, int Overlaps)> Stats() => Task.FromResult((Volatile.Read(ref _maxReaders), Volatile.Read(ref _overlaps)));
}
