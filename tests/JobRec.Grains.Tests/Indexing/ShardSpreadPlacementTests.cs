using JobRec.Contracts.Indexing;
using JobRec.Grains.Hosting;
using JobRec.Grains.Indexing.Placement;
using JobRec.ML.Text;
using JobRec.OrleansExtensions.Storage;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace JobRec.Grains.Tests.Indexing;

/// <summary>Index shards spread over the silos of a cluster by <see cref="ShardSpreadPlacement"/>, whichever silo the first caller reaches.</summary>
public sealed class ShardSpreadPlacementTests
{
    [Fact]
    public void Shard_numbers_go_round_the_silos_in_address_order_and_other_keys_stay_in_range()
    {
        var counts = new int[3];
        for (var shard = 0; shard < 8; shard++)
        {
            var index = ShardSpreadPlacementDirector.SiloIndex(GrainId.Create("shard", shard.ToString(System.Globalization.CultureInfo.InvariantCulture)), 3);
            Assert.Equal(shard % 3, index);
            counts[index]++;
        }

        Assert.Equal([3, 3, 2], counts);
        Assert.InRange(ShardSpreadPlacementDirector.SiloIndex(GrainId.Create("shard", "not-a-number"), 3), 0, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardSpreadPlacementDirector.SiloIndex(GrainId.Create("shard", "1"), 0));
    }

    [Fact]
    public async Task Eight_shards_activated_through_one_silo_spread_three_three_two_over_three_silos()
    {
        var options = new ServingOptions { ShardCount = 8 };
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddJobRecMemoryGrainStorage("Default").AddJobRecServing(options, new HashedTextEncoder(32)));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        // Every call goes through the one client, as a bulk import does.
        for (var shard = 0; shard < options.ShardCount; shard++)
        {
            Assert.Empty(await cluster.Client.GetGrain<IIndexShardGrain>(shard.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetEntriesAsync([]));
        }

        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var shards = (await management.GetDetailedGrainStatistics())
            .Where(s => s.GrainId.ToString().Contains("IndexShardGrain", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(options.ShardCount, shards.Length);
        var perSilo = shards.GroupBy(s => s.SiloAddress).Select(g => g.Count()).OrderDescending().ToArray();
        Assert.Equal([3, 3, 2], perSilo);
    }
}
