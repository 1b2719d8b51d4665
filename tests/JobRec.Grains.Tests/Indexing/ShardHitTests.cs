using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JobRec.Grains.Tests.Indexing;

public sealed class ShardHitTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private static readonly Serializer Wire = Services.GetRequiredService<Serializer>();

    [Fact]
    public void A_hit_crosses_the_wire_with_its_card_fields_and_gets_the_same_keys()
    {
        var card = new JobCard(new JobSummary("j-1", "Data Engineer", "Acme", "Berlin", "BE", true, "15-2051.00"), ["SQL", "Python"],
            new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var hit = new ShardHit(card, 0.75f, new float[] { 0.5f, -0.25f });

        var back = Wire.Deserialize<ShardHit>(Wire.SerializeToArray(hit))!;

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

    [Fact]
    public void Contract_types_are_immutable_so_calls_inside_a_silo_pass_them_without_copying()
    {
        var copier = Services.GetRequiredService<DeepCopier>();
        var hit = new ShardHit(new JobCard(new JobSummary("j-3", "Cook", "Diner", "Reno", "NV", false, ""), [], null), 0.5f, new float[] { 1f });
        var query = new ShardQuery([1f, 0f], 3, null, new ExclusionSet(["a"]));

        Assert.Same(hit, copier.Copy(hit));
        Assert.Same(query, copier.Copy(query));
    }

    [Fact]
    public void An_exclusion_set_that_crossed_the_wire_still_answers_membership()
    {
        var back = Wire.Deserialize<ShardQuery>(Wire.SerializeToArray(new ShardQuery([1f], 5, null, new ExclusionSet(["a", "b", "a", ""]))))!;

        var excluded = Assert.IsType<ExclusionSet>(back.Exclude);
        Assert.Equal(["a", "b"], excluded);
        Assert.True(excluded.Contains("b"));
        Assert.False(excluded.Contains("c"));
    }

    [Fact]
    public void A_validation_error_crosses_the_wire_with_its_field()
    {
        var back = Wire.Deserialize<Exception>(Wire.SerializeToArray<Exception>(new ContractValidationException("skills[3]", "is empty")));

        var error = Assert.IsType<ContractValidationException>(back);
        Assert.Equal("skills[3]", error.Field);
        Assert.Equal("is empty", error.Problem);
        Assert.Equal("skills[3]: is empty", error.Message);
    }
}
