using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;
using JobRec.Grains.Recommendations;

namespace JobRec.Grains.Tests.Recommendations;

public sealed class CandidateSetTests
{
    [Fact]
    public void A_returned_set_comes_back_empty()
    {
        var set = CandidateSet.Rent();
        var hit = new ShardHit(new JobCard(new JobSummary("j", "Cook", "Diner", "Austin", "TX", false, ""), [], null), 0.5f, ReadOnlyMemory<float>.Empty);
        set.Add(hit, CandidateSources.Semantic);
        set.Extra["j"] = CandidateSources.Popular;
        Assert.True(set.AddSourceTo("j", CandidateSources.Popular));
        Assert.False(set.AddSourceTo("other", CandidateSources.Popular));
        Assert.Single(set.List);
        Assert.Equal([CandidateSources.Popular, CandidateSources.Semantic], set.List[0].SourceNames());
        CandidateSet.Return(set);

        for (var i = 0; i < 4; i++)
        {
            var again = CandidateSet.Rent();
            Assert.Empty(again.ById);
            Assert.Empty(again.Extra);
            Assert.Empty(again.List);
            CandidateSet.Return(again);
        }
    }

    [Fact]
    public void Candidates_share_one_read_only_source_list_per_combination()
    {
        var hit = new ShardHit(new JobCard(new JobSummary("j", "Cook", "Diner", "Austin", "TX", false, ""), [], null), 0.5f, ReadOnlyMemory<float>.Empty);
        var a = new Candidate(hit);
        var b = new Candidate(hit);
        a.AddSource(CandidateSources.Semantic);
        a.AddSource(CandidateSources.CoInteraction);
        b.AddSource(CandidateSources.CoInteraction);
        b.AddSource(CandidateSources.Semantic);

        Assert.Same(a.SourceNames(), b.SourceNames());
        Assert.Equal([CandidateSources.CoInteraction, CandidateSources.Semantic], a.SourceNames());
        Assert.Empty(new Candidate(hit).SourceNames());
        Assert.Throws<NotSupportedException>(() => ((IList<string>)a.SourceNames()).Add("x"));
    }
}
