using JobRec.Actors.Cluster;

namespace JobRec.IntegrationTests.Cluster;

public sealed class PartitionLeaseTests
{
    private const int Partitions = 64;

    private static (PartitionLeaseKeeper Keeper, PartitionOwnership Ownership, PartitionLeaseTable Table) Silo(ClusterDatabase db, string id, TimeSpan lease, TimeSpan? liveness = null)
    {
        var table = new PartitionLeaseTable(db.DataSource, id, lease);
        var ownership = new PartitionOwnership(new PartitionMap(Partitions));
        var keeper = new PartitionLeaseKeeper(table, new MembershipTable(db.DataSource, liveness ?? lease), ownership, $"127.0.0.1:{id}", $"127.0.0.1:g{id}");
        return (keeper, ownership, table);
    }

    [Fact]
    public async Task Three_silos_claim_disjoint_balanced_shares_of_every_partition()
    {
        await using var db = await ClusterDatabase.CreateAsync(Partitions);
        var silos = new[] { Silo(db, "a", TimeSpan.FromSeconds(5)), Silo(db, "b", TimeSpan.FromSeconds(5)), Silo(db, "c", TimeSpan.FromSeconds(5)) };
        foreach (var s in silos)
        {
            await s.Keeper.RunOnceAsync();
        }

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(silos.Select(s => s.Keeper.RunOnceAsync()));
        }

        var leases = await silos[0].Table.ReadAllAsync();
        Assert.All(leases, l => Assert.NotNull(l.Owner));
        var counts = leases.GroupBy(l => l.Owner!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 21, 22));
        var placement = new PartitionGrainPlacement(db.DataSource, silos[0].Ownership);
        await placement.RefreshAsync();
        for (var i = 0; i < 200; i++)
        {
            var grain = new JobRec.Actors.GrainId("counter", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var owner = leases[silos[0].Ownership.Map.GetPartition(grain)].Owner;
            var location = placement.Locate(grain);
            Assert.Equal(owner == "a", location.IsLocal);
            Assert.Equal(owner == "a" ? null : $"127.0.0.1:{owner}", location.SiloEndpoint);
        }

        foreach (var s in silos)
        {
            Assert.Equal(leases.Where(l => l.Owner == s.Table.SiloId).Select(l => l.Partition).Order(), s.Ownership.Partitions.Order());
        }
    }

    [Fact]
    public async Task Expired_leases_are_taken_over_with_a_higher_epoch_and_the_old_owner_cannot_renew()
    {
        await using var db = await ClusterDatabase.CreateAsync(Partitions);
        var a = Silo(db, "a", TimeSpan.FromSeconds(1));
        await a.Keeper.RunOnceAsync();
        var before = await a.Table.ReadAllAsync();
        Assert.All(before, l => Assert.Equal("a", l.Owner));

        var lost = new List<int>();
        a.Ownership.Lost += p => lost.AddRange(p);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var b = Silo(db, "b", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        await b.Keeper.RunOnceAsync();
        Assert.Equal(Partitions, b.Ownership.Partitions.Count);

        var after = await b.Table.ReadAllAsync();
        Assert.All(after, l => Assert.Equal(before[l.Partition].Epoch + 1, l.Epoch));
        Assert.Empty(await a.Table.RenewAsync());
        await a.Keeper.RunOnceAsync();
        Assert.Equal(Partitions, lost.Distinct().Count());
        Assert.All((await b.Table.ReadAllAsync()).Where(l => l.Owner == "a"), l => Assert.Fail($"partition {l.Partition} went back to a while b's lease is live"));
    }

    [Fact]
    public async Task A_joining_silo_gets_a_fair_share_released_by_the_holder()
    {
        await using var db = await ClusterDatabase.CreateAsync(Partitions);
        var a = Silo(db, "a", TimeSpan.FromSeconds(5));
        await a.Keeper.RunOnceAsync();
        Assert.Equal(Partitions, a.Ownership.Partitions.Count);
        var released = new List<int>();
        a.Keeper.BeforeRelease = p => { released.AddRange(p); return Task.CompletedTask; };

        var b = Silo(db, "b", TimeSpan.FromSeconds(5));
        await b.Keeper.RunOnceAsync();
        Assert.Empty(b.Ownership.Partitions);
        await a.Keeper.RunOnceAsync();
        await b.Keeper.RunOnceAsync();

        Assert.Equal(Partitions / 2, a.Ownership.Partitions.Count);
        Assert.Equal(Partitions / 2, b.Ownership.Partitions.Count);
        Assert.Equal(released.Order(), b.Ownership.Partitions.Order());
    }
}
