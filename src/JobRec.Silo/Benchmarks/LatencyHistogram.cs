using System.Diagnostics;
using System.Numerics;

namespace JobRec.Silo.Benchmarks;

/// <summary>A log-linear latency histogram in microseconds (about 3% resolution), one per caller and merged at the end.</summary>
public sealed class LatencyHistogram
{
    private const int Linear = 64;
    private const int SubBuckets = 32;
    private readonly long[] _counts = new long[Linear + (58 * SubBuckets)];

    /// <summary>Number of recorded values.</summary>
    public long Count { get; private set; }

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a Stopwatch timestamp).</summary>
    public void RecordSince(long startTimestamp) =>
        RecordMicroseconds((Stopwatch.GetTimestamp() - startTimestamp) * 1_000_000 / Stopwatch.Frequency);

    /// <summary>Records one value in microseconds (negative values count as 0).</summary>
    public void RecordMicroseconds(long microseconds)
    {
        _counts[Index(Math.Max(0, microseconds))]++;
        Count++;
    }

    /// <summary>Adds another histogram's counts to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>Returns the value in milliseconds below which <paramref name="quantile"/> of the recorded values fall (upper bucket bound).</summary>
    public double QuantileMs(double quantile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return UpperBoundUs(i) / 1000.0;
            }
        }

        return UpperBoundUs(_counts.Length - 1) / 1000.0;
    }

    private static int Index(long us)
    {
        if (us < Linear)
        {
            return (int)us;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)us);
        var shift = msb - 5;
        return Linear + ((msb - 6) * SubBuckets) + (int)((us >> shift) & (SubBuckets - 1));
    }

    private static double UpperBoundUs(int index)
    {
        if (index < Linear)
        {
            return index + 1;
        }

        var msb = ((index - Linear) / SubBuckets) + 6;
        var sub = (index - Linear) % SubBuckets;
        var shift = msb - 5;
        return (double)(SubBuckets + sub + 1) * (1L << shift);
    }
}
