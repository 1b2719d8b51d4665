using JobRec.ML.Skills;
using JobRec.ML.Tests.Text.Onnx;

namespace JobRec.ML.Tests.Skills;

/// <summary>Trains a small tagger on 400 SkillSpan sentences once, for the text-level behaviour.</summary>
public sealed class SmallSkillTaggerFixture : IDisposable
{
    public SmallSkillTaggerFixture()
    {
        var sentences = SkillSpanCorpus.ReadJsonLines(SharedData.File("skillspan", "train.json"))
            .Where(s => s.Skill.Concat(s.Knowledge).Any(t => t != BioTags.O)).Take(400).ToList();
        var words = new WordStateEncoder(Models.MiniLm);
        var vectors = words.Encode(sentences.Select(s => s.Tokens).ToList());
        var data = sentences.Select((s, i) => (s, vectors[i])).ToList();
        var (head, _) = SkillTaggerTrainer.Train(Models.MiniLm.Model.Name, words.Dimension, data[..350], data[350..],
            new SkillTaggerOptions(Radius: 1, Hidden: 64, Lstm: 0, Epochs: 6, Patience: 6));
        Tagger = new SkillTagger(words, head);
    }

    public OnnxModelsFixture Models { get; } = new();

    public SkillTagger Tagger { get; }

    public void Dispose() => Models.Dispose();
}

public sealed class SkillTaggerTests(SmallSkillTaggerFixture fixture) : IClassFixture<SmallSkillTaggerFixture>
{
    [Fact]
    public void Spans_point_at_their_text_and_find_obvious_knowledge()
    {
        const string text = "You have experience with Python and SQL.\nYou communicate well with customers and manage a team.";
        var spans = fixture.Tagger.Extract(text);
        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.Equal(text.Substring(s.Start, s.Length), s.Text));
        Assert.Equal(spans.OrderBy(s => s.Start).ThenBy(s => s.Kind), spans);
        Assert.Contains(spans, s => s.Text.Contains("Python", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(null)]
    public void Empty_text_gives_no_spans(string? text) => Assert.Empty(fixture.Tagger.Extract(text));

    [Fact]
    public void Binary_garbage_and_non_english_text_give_a_result()
    {
        var random = new Random(5);
        var bytes = new byte[4000];
        random.NextBytes(bytes);
        var garbage = System.Text.Encoding.UTF8.GetString(bytes) + new string('\0', 50) + string.Concat(Enumerable.Repeat("x", 5000));
        var spans = fixture.Tagger.Extract(garbage);
        Assert.All(spans, s => Assert.Equal(garbage.Substring(s.Start, s.Length), s.Text));
        var german = fixture.Tagger.Extract("Sie verfügen über Erfahrung mit Kubernetes und arbeiten gerne im Team. 数据分析 🚀");
        Assert.All(german, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
    }

    [Fact]
    public void Long_text_is_chunked_and_too_long_text_is_refused()
    {
        var sentence = "Experience with Python, Docker and Kubernetes is required and you enjoy mentoring junior developers ";
        var text = string.Concat(Enumerable.Repeat(sentence, 200)); // 3,000 words, no full stop: 128-word chunks
        var spans = fixture.Tagger.Extract(text);
        Assert.All(spans, s => Assert.Equal(text.Substring(s.Start, s.Length), s.Text));
        Assert.True(spans.Count >= 100, $"{spans.Count} spans");
        var e = Assert.Throws<ArgumentException>(() => fixture.Tagger.Extract(new string('a', SkillTagger.MaxTextCharacters + 1)));
        Assert.Contains("at most 1,000,000", e.Message);
    }

    [Fact]
    public void A_head_of_another_encoder_is_refused()
    {
        var head = new SkillTaggerHead("arctic-xs", fixture.Tagger.Words.Dimension, 1, 8);
        Assert.Contains("arctic-xs", Assert.Throws<ArgumentException>(() => new SkillTagger(fixture.Tagger.Words, head)).Message);
    }
}
