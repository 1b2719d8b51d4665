namespace JobRec.Measurement;

/// <summary>The one latency histogram of the load test, the benchmarks and the cluster bench: a thread-safe log-linear histogram in microseconds: exact below 64 µs, then 32 linear sub-buckets per power of two (relative error under 3.2%).</summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int MaxExponent = 36;

    private readonly long[] _counts = new long[(MaxExponent + 2) * SubBucketCount];
    private long _count;
    private long _max;
    private long _sum;

    /// <summary>Number of recorded values.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Largest recorded value in microseconds (exact).</summary>
    public long MaxMicros => Interlocked.Read(ref _max);

    /// <summary>Mean of the recorded values in microseconds, 0 when empty.</summary>
    public double MeanMicros => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    /// <summary>Records one latency in microseconds; negative values are rejected.</summary>
    public void Record(long micros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micros);
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, micros);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, seen) != seen)
        {
        }
    }

    /// <summary>Records one latency given as a <see cref="TimeSpan"/>.</summary>
    public void Record(TimeSpan latency) => Record(Math.Max(0, latency.Ticks / TimeSpan.TicksPerMicrosecond));

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public void RecordSince(long startTimestamp) =>
        Record(Math.Max(0, (System.Diagnostics.Stopwatch.GetTimestamp() - startTimestamp) * 1_000_000 / System.Diagnostics.Stopwatch.Frequency));

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            if (other._counts[i] != 0)
            {
                Interlocked.Add(ref _counts[i], other._counts[i]);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        long seen;
        var m = other.MaxMicros;
        while (m > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, m, seen) != seen)
        {
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1] in microseconds: the upper edge of the bucket holding that rank, capped at the maximum; 0 when empty.</summary>
    public long PercentileMicros(double q)
    {
        if (q is <= 0 or > 1 || double.IsNaN(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "Quantile must be in (0, 1].");
        }

        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            if (cumulative >= rank)
            {
                return Math.Min(UpperEdgeOf(i), MaxMicros);
            }
        }

        return MaxMicros;
    }

    /// <summary>The value at quantile <paramref name="q"/> in milliseconds.</summary>
    public double PercentileMs(double q) => PercentileMicros(q) / 1000.0;

    internal static int IndexOf(long micros)
    {
        var exponent = Math.Max(0, 63 - (int)long.LeadingZeroCount(micros | 1) - SubBucketBits);
        if (exponent > MaxExponent)
        {
            return ((MaxExponent + 2) * SubBucketCount) - 1;
        }

        return (exponent * SubBucketCount) + (int)(micros >> exponent);
    }

    internal static long UpperEdgeOf(int index)
    {
        if (index < 2 * SubBucketCount)
        {
            return index;
        }

        var exponent = (index / SubBucketCount) - 1;
        var sub = index - (exponent * SubBucketCount);
        return ((sub + 1L) << exponent) - 1;
    }
}
