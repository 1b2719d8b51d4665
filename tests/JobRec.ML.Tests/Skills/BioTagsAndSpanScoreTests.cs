using JobRec.ML.Skills;

namespace JobRec.ML.Tests.Skills;

public sealed class BioTagsAndSpanScoreTests
{
    private static byte[] Tags(string tags) => tags.Split(' ').Select(BioTags.Parse).ToArray();

    [Theory]
    [InlineData("O B I O B", "1-3 4-5")]
    [InlineData("B B I I", "0-1 1-4")]
    [InlineData("I I O I", "0-2 3-4")] // an I after O or at the start opens a span (CoNLL convention)
    [InlineData("O O", "")]
    public void Spans_follow_the_bio_convention(string tags, string expected) =>
        Assert.Equal(expected, string.Join(' ', BioTags.Spans(Tags(tags)).Select(s => $"{s.Start}-{s.End}")));

    [Fact]
    public void Parse_accepts_labelled_tags_and_rejects_others()
    {
        Assert.Equal(BioTags.B, BioTags.Parse("B-Skill"));
        Assert.Equal(BioTags.I, BioTags.Parse("I"));
        Assert.Throws<FormatException>(() => BioTags.Parse("S-Skill"));
        Assert.Throws<FormatException>(() => BioTags.Parse("Bx"));
    }

    [Fact]
    public void Viterbi_never_puts_I_after_O_or_first()
    {
        // Per word log-probabilities (O, B, I); greedy argmax would give "I O I".
        float[] lp = [-2, -3, -0.1f, -0.1f, -3, -2, -1.5f, -3, -0.9f];
        var tags = BioTags.Decode(lp, 3, 3, 0);
        Assert.Equal(BioTags.O, tags[0]);
        Assert.DoesNotContain(Enumerable.Range(0, 3), w => tags[w] == BioTags.I && (w == 0 || tags[w - 1] == BioTags.O));
        // With a confident B before it, the I is kept.
        float[] lp2 = [-3, -0.1f, -3, -3, -3, -0.1f];
        Assert.Equal(new byte[] { BioTags.B, BioTags.I }, BioTags.Decode(lp2, 2, 3, 0));
    }

    [Fact]
    public void Strict_span_f1_counts_only_exact_boundaries()
    {
        var gold = BioTags.Spans(Tags("B I I O B O B I"));        // 0-3, 4-5, 6-8
        var predicted = BioTags.Spans(Tags("B I O O B O O B")); // 0-2 (boundary wrong), 4-5 (exact), 7-8 (boundary wrong)
        var score = SpanScore.Of(gold, predicted);
        Assert.Equal(new SpanScore(1, 3, 3), score);
        Assert.Equal(1 / 3.0, score.Precision, 9);
        Assert.Equal(1 / 3.0, score.F1, 9);
        var perfect = SpanScore.Of(gold, gold);
        Assert.Equal(1.0, perfect.F1);
        Assert.Equal(0.0, SpanScore.Of(gold, []).F1);
        Assert.Equal(0.0, new SpanScore(0, 0, 0).F1);
    }

    [Fact]
    public void Combined_scores_micro_average_both_layers()
    {
        var sentence = new TaggedSentence(["use", "Python", "daily"], Tags("B I O"), Tags("O B O"));
        var scores = new SkillSpanScores().Add(sentence, Tags("B I O"), Tags("O O B"));
        Assert.Equal(new SpanScore(1, 1, 1), scores.Skill);
        Assert.Equal(new SpanScore(0, 1, 1), scores.Knowledge);
        Assert.Equal(0.5, scores.Combined.F1, 9);
    }

    [Fact]
    public void Gazetteer_tags_the_longest_training_span_first()
    {
        var train = new TaggedSentence(["machine", "learning", "and", "machine", "tools"], Tags("O O O O O"), Tags("B I O B I"));
        var gazetteer = new SpanGazetteer([train, train with { Knowledge = Tags("B O O O O") }]);
        Assert.Equal(3, gazetteer.Count(SkillSpanKind.Knowledge));
        Assert.Equal(Tags("O B I O B"), gazetteer.Tag(["we", "Machine", "Learning", "x", "machine"], SkillSpanKind.Knowledge));
        Assert.Equal(Tags("O O O O O"), gazetteer.Tag(["we", "Machine", "Learning", "x", "machine"], SkillSpanKind.Skill));
    }
}
