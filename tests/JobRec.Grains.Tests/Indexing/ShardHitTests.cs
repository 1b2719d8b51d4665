using System.Text.Json;
using JobRec.Actors.Invocation;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;

namespace JobRec.Grains.Tests.Indexing;

public sealed class ShardHitTests
{
    [Fact]
    public void A_hit_crosses_the_wire_with_its_card_fields_and_gets_the_same_keys()
    {
        var card = new JobCard(new JobSummary("j-1", "Data Engineer", "Acme", "Berlin", "BE", true, "15-2051.00"), ["SQL", "Python"],
            new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var hit = new ShardHit(card, 0.75f, new float[] { 0.5f, -0.25f });

        var json = JsonSerializer.Serialize(hit, GrainJson.Options);
        var back = JsonSerializer.Deserialize<ShardHit>(json, GrainJson.Options)!;

        Assert.DoesNotContain("\"Card\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Keys\"", json, StringComparison.Ordinal);
        Assert.NotSame(card, back.Card);
        Assert.Equal(card.Job, back.Job);
        Assert.Equal(0.75f, back.Score);
        Assert.Equal([0.5f, -0.25f], back.Similarities.ToArray());
        Assert.Equal(["SQL", "Python"], back.Skills);
        Assert.Equal(card.PostedAt, back.PostedAt);
        Assert.Equal("j-1", back.JobId);
        Assert.Equal(card.Keys.Skills, back.Keys.Skills);
        Assert.Equal(card.Keys with { Skills = [] }, back.Keys with { Skills = [] });
    }

    [Fact]
    public void Hits_of_one_job_share_its_shard_card()
    {
        var index = new JobRec.Grains.Indexing.ShardVectorIndex(JobRec.Grains.Indexing.ShardIndexKind.Exact);
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var job = new JobSummary("j-2", "Nurse", "Clinic", "Austin", "TX", false, "29-1141.00");
        index.Upsert([new ShardEntry(job, [1f, 0f], ["Care"], now.AddDays(-1), null)], now);

        var first = index.Search(new ShardQuery([1f, 0f], 1), now).Single();
        var second = index.Lookup(["j-2"], new ShardQuery([0f, 1f], 1), now).Single();

        Assert.Same(first.Card, second.Card);
        Assert.Equal(1f, first.Score);
        Assert.Equal(0f, second.Score);
        Assert.Equal(JobKeys.OnetKey("29-1141.00"), first.Keys.Onet);
    }
}
