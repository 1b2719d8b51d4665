using JobRec.Contracts.Indexing;

namespace JobRec.Contracts.Tests.Indexing;

/// <summary>Hashes that client and silos compute independently: they must not change between processes or releases, so the values are pinned.</summary>
public sealed class StableKeyTests
{
    [Fact]
    public void Stable_keys_are_the_pinned_FNV_1a_values_of_the_utf16_code_units()
    {
        Assert.Equal(14695981039346656037UL, StableKey.Of(""));
        Assert.Equal(620337896427418084UL, StableKey.Of("a"));
        Assert.Equal(383134607982797326UL, StableKey.Of("job-1"));
        Assert.Equal(11344719411002845614UL, StableKey.OfUpperInvariant("job-1"));
        Assert.Equal(StableKey.Of("JOB-1"), StableKey.OfUpperInvariant("Job-1"));
        Assert.Throws<ArgumentNullException>(() => StableKey.Of(null!));
    }

    [Fact]
    public void Shard_routing_is_pinned_spreads_ids_and_rejects_bad_arguments()
    {
        Assert.Equal([1, 6, 3, 0, 5, 2, 7, 4, 1, 6], Enumerable.Range(0, 10).Select(i => ShardRouting.ShardOf($"job-{i}")).ToArray());
        Assert.Equal(5, ShardRouting.ShardOf("zürich"));
        Assert.Equal(0, ShardRouting.ShardOf("anything", shardCount: 1));
        Assert.Equal("7", ShardRouting.KeyOf(7));
        Assert.Throws<ArgumentException>(() => ShardRouting.ShardOf(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardRouting.ShardOf("job-1", shardCount: 0));
    }
}
