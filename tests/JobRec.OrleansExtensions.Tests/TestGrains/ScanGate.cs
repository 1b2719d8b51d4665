using System.Collections.Concurrent;

namespace JobRec.OrleansExtensions.Tests.TestGrains;

/// <summary>Signals between a test and the <see cref="ScanGrain"/> of one key (the in-process cluster shares this process's statics):
/// each scan reports that it runs, then holds the thread-pool thread until the test releases every scan.</summary>
public sealed class ScanGate
{
    /// <summary>How long anything here waits before the test fails: a guard, not a timing.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, ScanGate> Gates = new(StringComparer.Ordinal);

    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _started = new(0);

    /// <summary>The gate of the scan grain with this key.</summary>
    public static ScanGate For(string key) => Gates.GetOrAdd(key, _ => new ScanGate());

    /// <summary>Lets every held scan, and every later one, finish.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Completes once <paramref name="count"/> scans have started (and are held); fails after <see cref="Guard"/>.</summary>
    public async Task WaitForScansAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await _started.WaitAsync(Guard), $"only {i} of {count} scans started");
        }
    }

    /// <summary>Called by a scan on the thread pool: reports it and waits for <see cref="Release"/>.</summary>
    internal void Hold()
    {
        _started.Release();
        if (!_release.Task.Wait(Guard))
        {
            throw new TimeoutException("the test never released the scan");
        }
    }
}
