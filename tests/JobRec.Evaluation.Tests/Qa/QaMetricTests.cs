using JobRec.Evaluation.Qa;

namespace JobRec.Evaluation.Tests.Qa;

public class QaMetricTests
{
    [Fact]
    public void Exact_match_and_token_f1_normalise_case_punctuation_and_articles()
    {
        Assert.Equal(1, AnswerOverlap.ExactMatch("The Python, SQL.", "python sql"));
        Assert.Equal(0, AnswerOverlap.ExactMatch("Python", "python sql"));
        Assert.Equal(2 * 0.5 * 1 / 1.5, AnswerOverlap.TokenF1("python java", "python"), 9);
        Assert.Equal(0, AnswerOverlap.TokenF1("", "python"));
        Assert.Equal(1, AnswerOverlap.TokenF1("", ""));
    }

    [Fact]
    public void Bleu4_is_one_for_identical_text_and_applies_the_brevity_penalty()
    {
        var same = new Bleu();
        same.Add("python spark sql scala java", "python spark sql scala java");
        Assert.Equal(1, same.Score(), 9);
        var shorter = new Bleu();
        shorter.Add("python spark sql scala", "python spark sql scala java");
        Assert.Equal(Math.Exp(1 - 5.0 / 4), shorter.Score(), 9);
        var none = new Bleu();
        none.Add("nurse", "python spark sql scala java");
        Assert.Equal(0, none.Score());
    }

    [Fact]
    public void RougeL_uses_the_longest_common_subsequence()
    {
        Assert.Equal(3, RougeL.LongestCommonSubsequence(["a1", "b", "c", "d"], ["a1", "c", "x", "d"]));
        Assert.Equal(0.75, RougeL.Score("a1 b c d", "a1 c x d"), 9);
        Assert.Equal(0, RougeL.Score("x", "y"));
    }

    [Fact]
    public void Meteor_rewards_order_through_the_fragmentation_penalty()
    {
        double inOrder = Meteor.Score("python spark sql", "python spark sql");
        double shuffled = Meteor.Score("sql python spark", "python spark sql");
        Assert.Equal(1 - 0.5 / 27, inOrder, 9);
        Assert.True(shuffled < inOrder);
        Assert.Equal(0, Meteor.Score("nurse", "python"));
    }

    [Fact]
    public void Unigram_model_is_smoothed_over_the_vocabulary()
    {
        var unigram = new UnigramLanguageModel([0, 0, 1], vocabSize: 4);
        Assert.Equal(-Math.Log(3 / 7.0), unigram.NegativeLogLikelihood([0]), 9);
        Assert.Equal(-Math.Log(1 / 7.0), unigram.NegativeLogLikelihood([3]), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnigramLanguageModel([5], 4));
    }
}
