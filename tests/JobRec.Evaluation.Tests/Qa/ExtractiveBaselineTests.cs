using JobRec.Evaluation.Qa;
using JobRec.ML.Language.Corpus;

namespace JobRec.Evaluation.Tests.Qa;

public class ExtractiveBaselineTests
{
    private static readonly PostingFacts Acme = new("a", "Data Engineer")
    {
        Company = "Acme", Location = "Austin, TX", Skills = ["Python", "Spark"], Level = "entry", EmploymentType = "full-time", SalaryMin = 50000,
    };
    private static readonly PostingFacts Globex = new("g", "Nurse") { Company = "Globex", Location = "Denver, CO", Skills = ["Patient Care"] };

    [Fact]
    public void Lexical_retriever_ranks_the_posting_named_in_the_question_first()
    {
        var retriever = new LexicalPostingRetriever([Acme, Globex]);
        Assert.Equal("g", retriever.Retrieve("Where is the Nurse job at Globex located?", 1)[0].JobId);
        Assert.Equal("a", retriever.Retrieve("What skills does the Data Engineer job at Acme require?", 2)[0].JobId);
        Assert.Empty(retriever.Retrieve("zzz", 3));
    }

    [Fact]
    public void Held_out_split_is_stable_and_about_one_in_twenty()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => $"dice:{i}").ToList();
        int heldOut = ids.Count(id => QaPostingSources.IsHeldOut(id));
        Assert.InRange(heldOut, 800, 1200);
        Assert.Equal(QaPostingSources.IsHeldOut("li:42"), QaPostingSources.IsHeldOut("li:42"));
    }
}
