using JobRec.Contracts.Indexing;
using JobRec.Contracts.Search;
using JobRec.Grains.Indexing;
using static JobRec.Grains.Tests.Indexing.ShardFixtures;

namespace JobRec.Grains.Tests.Indexing;

public sealed class ShardVectorIndexTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static TheoryData<ShardIndexKind> Kinds => new() { ShardIndexKind.InvertedFile, ShardIndexKind.Exact, ShardIndexKind.FaissFlat };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Search_ranks_by_inner_product_and_applies_filters(ShardIndexKind kind)
    {
        using var index = new ShardVectorIndex(kind);
        index.Upsert([
            Entry("tx-near", [1, 0.1f, 0], region: "TX"),
            Entry("ca-nearest", [1, 0, 0], region: "CA", onet: "29-1141.00"),
            Entry("ca-remote", [1, 0.2f, 0], region: "CA", remote: true),
            Entry("far", [0, 0, 1], region: "TX"),
            Entry("expired", [1, 0, 0], region: "TX", closes: DateTimeOffset.UtcNow.AddDays(-1)),
        ], Now);
        var q = Unit(1, 0, 0);

        var all = index.Search(new ShardQuery(q, 3), DateTimeOffset.UtcNow);
        Assert.Equal(["ca-nearest", "tx-near", "ca-remote"], all.Select(h => h.Job.Id));
        Assert.True(all[0].Score > all[1].Score);

        var tx = index.Search(new ShardQuery(q, 10, new SearchFilters { Region = "tx" }), DateTimeOffset.UtcNow);
        Assert.Equal(["tx-near", "far"], tx.Select(h => h.Job.Id));

        var txOrRemote = index.Search(new ShardQuery(q, 10, new SearchFilters { Region = "TX", IncludeRemote = true }), DateTimeOffset.UtcNow);
        Assert.Equal(["tx-near", "ca-remote", "far"], txOrRemote.Select(h => h.Job.Id));

        var remote = index.Search(new ShardQuery(q, 10, new SearchFilters { RemoteOnly = true }), DateTimeOffset.UtcNow);
        Assert.Equal(["ca-remote"], remote.Select(h => h.Job.Id));

        var nurses = index.Search(new ShardQuery(q, 10, new SearchFilters { OnetPrefix = "29-" }), DateTimeOffset.UtcNow);
        Assert.Equal(["ca-nearest"], nurses.Select(h => h.Job.Id));

        var excluded = index.Search(new ShardQuery(q, 2, null, ["ca-nearest"]), DateTimeOffset.UtcNow);
        Assert.Equal(["tx-near", "ca-remote"], excluded.Select(h => h.Job.Id));

        // The caller's own set (same silo) excludes exactly what the plain list does, in search and lookup.
        var seen = new ExclusionSet(["ca-nearest", "ca-nearest", "tx-near", ""]);
        Assert.Equal(2, seen.Count);
        Assert.Equal(["ca-remote", "far"], index.Search(new ShardQuery(q, 2, null, seen), DateTimeOffset.UtcNow).Select(h => h.Job.Id));
        Assert.Equal(["ca-remote", "far"], index.Search(new ShardQuery(q, 2, null, ["ca-nearest", "tx-near"]), DateTimeOffset.UtcNow).Select(h => h.Job.Id));
        Assert.Equal(["far"], index.Lookup(["tx-near", "far", "ca-nearest"], new ShardQuery(q, 1, null, seen), DateTimeOffset.UtcNow).Select(h => h.Job.Id));
        Assert.Equal(["far"], index.Lookup(["tx-near", "far", "ca-nearest"], new ShardQuery(q, 1, null, ["tx-near", "ca-nearest"]), DateTimeOffset.UtcNow).Select(h => h.Job.Id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Replace_and_remove_change_what_is_found(ShardIndexKind kind)
    {
        using var index = new ShardVectorIndex(kind);
        index.Upsert([Entry("a", [1, 0]), Entry("b", [0, 1])], Now);
        index.Upsert([Entry("a", [0, 1])], Now);
        Assert.Equal(2, index.Count);

        var hits = index.Search(new ShardQuery(Unit(0, 1), 2, ScoringVectors: [Unit(1, 0)]), DateTimeOffset.UtcNow);
        Assert.All(hits, h => Assert.Equal(1f, h.Score, 3));
        Assert.All(hits, h => Assert.Equal(0f, h.Similarities.Span[0], 3));

        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        Assert.Equal(["b"], index.Search(new ShardQuery(Unit(0, 1), 5), DateTimeOffset.UtcNow).Select(h => h.Job.Id));
        Assert.Equal(["b"], index.Lookup(["a", "b", "zzz"], new ShardQuery(Unit(0, 1), 1), DateTimeOffset.UtcNow).Select(h => h.Job.Id));
    }

    [Fact]
    public void Wrong_dimensions_are_rejected_with_the_job()
    {
        using var index = new ShardVectorIndex(ShardIndexKind.Exact);
        index.Upsert([Entry("a", [1, 0, 0])], Now);
        var ex = Assert.Throws<ArgumentException>(() => index.Upsert([Entry("b", [1, 0])], Now));
        Assert.Contains("job 'b'", ex.Message);
        Assert.Throws<ArgumentException>(() => index.Search(new ShardQuery([1, 0], 1), DateTimeOffset.UtcNow));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Jobs_past_their_closing_time_leave_the_vector_index_but_stay_held(ShardIndexKind kind)
    {
        using var index = new ShardVectorIndex(kind);
        index.Upsert([
            Entry("closed", [1, 0], closes: Now.AddDays(-1)),
            Entry("soon", [1, 0.1f], closes: Now.AddDays(1)),
            Entry("later", [1, 0.2f], closes: Now.AddDays(3)),
            Entry("open", [0, 1]),
        ], Now);
        Assert.Equal(4, index.Count);
        Assert.Equal(3, index.Searchable); // closed on arrival: held, not indexed
        Assert.Equal(0, index.ExpireDue(Now));

        Assert.Equal(1, index.ExpireDue(Now.AddDays(2)));
        Assert.Equal(2, index.Searchable);
        // Even a search that asks for an earlier time no longer finds it: it left the vector index.
        Assert.Equal(["later", "open"], index.Search(new ShardQuery(Unit(1, 0), 5), Now).Select(h => h.Job.Id));
        Assert.NotNull(index.Get("soon"));
        Assert.NotNull(index.Get("closed"));

        // Re-posted with a later closing time: searchable again, and the old expiry does not take it out.
        index.Upsert([Entry("soon", [1, 0.1f], closes: Now.AddDays(10))], Now.AddDays(2));
        Assert.Equal(1, index.ExpireDue(Now.AddDays(4))); // only "later"
        Assert.Equal(["soon", "open"], index.Search(new ShardQuery(Unit(1, 0), 5), Now.AddDays(4)).Select(h => h.Job.Id));
        Assert.True(index.Remove("soon"));
        Assert.Equal(0, index.ExpireDue(Now.AddDays(30)));
        Assert.Equal(1, index.Searchable);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Get_rebuilds_the_entry_from_its_half_precision_copy(ShardIndexKind kind)
    {
        using var index = new ShardVectorIndex(kind);
        var random = new Random(7);
        var vector = Unit([.. Enumerable.Range(0, 384).Select(_ => (float)((random.NextDouble() * 2) - 1))]);
        var closes = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        index.Upsert([Entry("a", vector, closes: closes), Entry("b", Unit([.. vector.Select(v => -v)]))], Now);

        var entry = index.Get("a")!;
        Assert.Equal("a", entry.Job.Id);
        Assert.Equal(closes, entry.ClosesAt); // the same instant (kept in UTC)
        Assert.Equal(384, entry.Embedding.Length);
        Assert.All(entry.Embedding.Zip(vector), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-3f * Math.Max(1f, Math.Abs(p.Second)), $"{p.First} vs {p.Second}"));
        Assert.Null(index.Get("zzz"));
        Assert.Equal(["a", "b"], index.Entries.Select(e => e.Job.Id).Order());

        // Search and look-up score against the half-precision copy: within 1e-3 of the exact inner product.
        var hit = Assert.Single(index.Search(new ShardQuery(vector, 1), Now));
        Assert.Equal("a", hit.Job.Id);
        Assert.InRange(hit.Score, 0.999f, 1.001f);
        Assert.InRange(index.Lookup(["b"], new ShardQuery(vector, 1), Now)[0].Score, -1.001f, -0.999f);
    }
}
