using JobRec.Data.Skills;
using JobRec.ML.Recommenders;
using JobRec.ML.Skills;
using JobRec.ML.Text;

namespace JobRec.ML.Tests.Skills;

/// <summary>The engine's extractor on its dictionary fallback (no model needed) and the loader's fallbacks; the tagger path is covered by
/// the serving tests (tests/JobRec.IntegrationTests/Serving/SkillExtractionServingTests).</summary>
public sealed class SkillExtractorTests
{
    private static readonly SkillExtractor Dictionary = SkillExtractor.Dictionary("test");

    [Fact]
    public void Dictionary_fallback_finds_vocabulary_skills_with_offsets_and_says_why()
    {
        const string text = "We need JS and Python developers; SQL is a plus.";
        var result = Dictionary.Extract([text], 10_000)[0];
        Assert.Equal(SkillExtractor.DictionaryModel, Dictionary.Model);
        Assert.Contains("dictionary matcher", Dictionary.Description);
        Assert.Contains("test", Dictionary.Description);
        Assert.All(result.Spans, s => Assert.Equal(text.Substring(s.Start, s.Length), s.Text));
        Assert.Contains("JavaScript", result.Skills);
        Assert.Contains("Python", result.Skills);
        Assert.Equal(text.Length, result.CharactersRead);
        Assert.False(result.Truncated);
        Assert.Null(result.Warning);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Empty_text_gives_an_empty_result(string? text)
    {
        var result = Dictionary.Extract([text], 100)[0];
        Assert.Empty(result.Spans);
        Assert.Empty(result.Skills);
        Assert.Null(result.Warning);
    }

    [Fact]
    public void Long_text_is_read_up_to_the_limit_at_a_word_break()
    {
        var text = string.Concat(Enumerable.Repeat("Python and SQL experience required. ", 1_000)); // 36,000 characters
        var result = Dictionary.Extract([text], 10_000)[0];
        Assert.True(result.Truncated);
        Assert.InRange(result.CharactersRead, 5_000, 10_000);
        Assert.Equal(' ', text[result.CharactersRead]);
        Assert.All(result.Spans, s => Assert.True(s.Start + s.Length <= result.CharactersRead));
        Assert.Equal(Dictionary.Extract(["Python and SQL experience required."], 100)[0].Skills, result.Skills);
        Assert.Contains("Python", result.Skills);
    }

    [Fact]
    public void Binary_garbage_is_not_tagged_and_non_english_text_is_flagged()
    {
        var bytes = new byte[4_000];
        new Random(7).NextBytes(bytes);
        var binary = Dictionary.Extract([System.Text.Encoding.Latin1.GetString(bytes) + "Python"], 10_000)[0];
        Assert.Empty(binary.Spans);
        Assert.Contains("binary data", binary.Warning);

        var results = Dictionary.Extract(["数据分析和机器学习的工程师，熟悉 Python", "The role needs Python and you work with the team on data pipelines every day"], 10_000);
        Assert.Contains("non-English", results[0].Warning);
        Assert.Contains("Python", results[0].Skills);
        Assert.Null(results[1].Warning);
    }

    [Fact]
    public void Loader_falls_back_to_the_dictionary_with_the_reason_when_the_model_is_missing_or_broken()
    {
        var lines = new List<string>();
        var missing = SkillExtractorLoader.Load("/no/such/skill-tagger.jrst", null, log: lines.Add);
        Assert.Equal(SkillExtractor.DictionaryModel, missing.Model);
        Assert.Contains("/no/such/skill-tagger.jrst", missing.Description);
        Assert.Contains(lines, l => l.Contains("dictionary matcher", StringComparison.Ordinal));

        var broken = Path.Combine(Path.GetTempPath(), $"jobrec-broken-{Guid.NewGuid():N}.jrst");
        File.WriteAllText(broken, "not a model");
        try
        {
            var fallback = SkillExtractorLoader.Load(broken, null);
            Assert.Equal(SkillExtractor.DictionaryModel, fallback.Model);
            Assert.Contains("expected magic", fallback.Description);
            Assert.NotEmpty(fallback.Extract(["Python"], 100)[0].Skills);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Loader_reports_the_tagger_file_it_loaded()
    {
        // A CRF head over MiniLM word vectors (untrained weights: only loading is checked); the encoder comes from the model cache.
        var head = new SkillTaggerHead("minilm", 2 * 384 + WordStateEncoder.ShapeFeatures, 0, 0, 4, 1, crf: true);
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-tagger-{Guid.NewGuid():N}.jrst");
        SkillTaggerModelFile.Save(head, path);
        try
        {
            using var loaded = SkillExtractorLoader.Load(path, null, encoderThreads: 1);
            Assert.Equal(SkillExtractor.TaggerModel, loaded.Model);
            Assert.Equal(path, loaded.ModelFile);
            Assert.True(loaded.TaggerHead!.Crf);
            Assert.Contains("BiLSTM 4-CRF head", loaded.Description);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Label_vectors_are_cached_per_encoder_and_label_list()
    {
        var encoder = new HashedTextEncoder(64);
        var labels = new List<string> { "Python (computer programming)", "SQL", "manage staff", "customer service" };
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-esco-{Guid.NewGuid():N}.vec");
        try
        {
            var lines = new List<string>();
            var built = EscoLabelVectorFile.LoadOrBuild(encoder, "hashed", labels, path, lines.Add);
            Assert.Single(lines);
            var loaded = EscoLabelVectorFile.LoadOrBuild(encoder, "hashed", labels, path, lines.Add);
            Assert.Single(lines); // read from the file, not embedded again
            Assert.Equal(built.LabelVectors.ToArray(), loaded.LabelVectors.ToArray());
            Assert.Equal("customer service", loaded.Nearest(["customer service skills"])[0].Label);

            EscoLabelVectorFile.LoadOrBuild(encoder, "hashed", [.. labels, "Java"], path, lines.Add);
            Assert.Equal(2, lines.Count); // another label list: embedded again
        }
        finally
        {
            File.Delete(path);
        }
    }
}
