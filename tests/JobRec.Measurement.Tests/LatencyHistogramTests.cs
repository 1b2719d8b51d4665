using JobRec.Measurement;

namespace JobRec.Measurement.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_uniform_samples_are_within_bucket_precision()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 100_000; v++)
        {
            h.Record(v);
        }

        Assert.Equal(100_000, h.Count);
        Assert.Equal(100_000, h.MaxMicros);
        foreach (var (q, expected) in new[] { (0.5, 50_000.0), (0.9, 90_000.0), (0.99, 99_000.0), (0.999, 99_900.0) })
        {
            var actual = h.PercentileMicros(q);
            Assert.InRange(actual, expected, expected * 1.032);
        }

        Assert.Equal(100_000, h.PercentileMicros(1.0));
    }

    [Fact]
    public void Small_values_are_exact_and_skewed_tail_is_found()
    {
        var h = new LatencyHistogram();
        for (var i = 0; i < 990; i++)
        {
            h.Record(10);
        }

        for (var i = 0; i < 10; i++)
        {
            h.Record(1_000_000);
        }

        Assert.Equal(10, h.PercentileMicros(0.5));
        Assert.Equal(10, h.PercentileMicros(0.99));
        Assert.Equal(1_000_000, h.PercentileMicros(0.999));
        Assert.Equal(1000.0, h.PercentileMs(1.0));
    }

    [Fact]
    public void Buckets_are_contiguous_and_monotonic()
    {
        var previous = -1;
        for (long v = 0; v < 1 << 20; v += 7)
        {
            var i = LatencyHistogram.IndexOf(v);
            Assert.True(i >= previous, $"index of {v} went back");
            Assert.True(LatencyHistogram.UpperEdgeOf(i) >= v, $"upper edge of {v}'s bucket is below it");
            previous = i;
        }
    }

    [Fact]
    public void Bad_quantile_and_negative_value_are_rejected()
    {
        var h = new LatencyHistogram();
        Assert.Throws<ArgumentOutOfRangeException>(() => h.PercentileMicros(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Record(-1));
        Assert.Equal(0, h.PercentileMicros(0.5));
    }
}
