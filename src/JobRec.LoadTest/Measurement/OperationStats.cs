using System.Collections.Concurrent;
using JobRec.Measurement;

namespace JobRec.LoadTest.Measurement;

/// <summary>Latency, successes, errors by exception type and a per-second timeline of one operation.</summary>
public sealed class OperationStats
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, LatencyHistogram> _timeline = new();
    private long _successes;

    /// <summary>Creates empty statistics for the named operation.</summary>
    public OperationStats(string name) => Name = name;

    /// <summary>The operation's name.</summary>
    public string Name { get; }

    /// <summary>Latencies of every completed call, successful or not.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Calls that completed without an exception.</summary>
    public long Successes => Interlocked.Read(ref _successes);

    /// <summary>Failed calls by exception type name.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByType => _errors;

    /// <summary>Total failed calls.</summary>
    public long Errors => _errors.Values.Sum();

    /// <summary>Per-second latency histograms keyed by the second (since measurement start) in which calls completed.</summary>
    public IReadOnlyDictionary<int, LatencyHistogram> Timeline => _timeline;

    /// <summary>Records one completed call; <paramref name="error"/> is null on success.</summary>
    public void Record(TimeSpan latency, int second, Exception? error)
    {
        Latency.Record(latency);
        _timeline.GetOrAdd(Math.Max(0, second), _ => new LatencyHistogram()).Record(latency);
        if (error is null)
        {
            Interlocked.Increment(ref _successes);
        }
        else
        {
            _errors.AddOrUpdate(ErrorName(error), 1, (_, n) => n + 1);
        }
    }

    private static string ErrorName(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } a ? ErrorName(a.InnerExceptions[0]) : error.GetType().Name;
}
