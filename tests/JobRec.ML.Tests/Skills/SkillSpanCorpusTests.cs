using JobRec.ML.Skills;

namespace JobRec.ML.Tests.Skills;

public sealed class SkillSpanCorpusTests
{
    [Fact]
    public void Reads_the_skillspan_train_split_with_both_layers()
    {
        var sentences = SkillSpanCorpus.ReadJsonLines(SharedData.File("skillspan", "train.json"));
        Assert.Equal(4800, sentences.Count);
        Assert.Equal(["Senior", "QA", "Engineer", "(", "m/f/d", ")", "<ORGANIZATION>"], sentences[0].Tokens);
        Assert.All(sentences, s => Assert.Equal(s.Tokens.Length, s.Skill.Length));
        Assert.True(sentences.Sum(s => BioTags.Spans(s.Skill).Count) > 1000);
        Assert.True(sentences.Sum(s => BioTags.Spans(s.Knowledge).Count) > 1000);
        var (train, tune) = SkillTaggerData.SplitByDocument(sentences, 0.1);
        Assert.Equal(sentences.Count, train.Count + tune.Count);
        Assert.Empty(train.Select(i => sentences[i].Group).Intersect(tune.Select(i => sentences[i].Group)));
        Assert.InRange(tune.Count, 200, 900);
    }

    [Fact]
    public void Reads_green_skill_tags_into_the_skill_layer_only()
    {
        var sentences = SkillSpanCorpus.ReadGreenCsv(SharedData.File("green_skill_ner", "df_testset.csv"));
        Assert.Equal(336, sentences.Count);
        Assert.Equal(["Proven", "ability", "to", "influence", "cross", "functional", "teams", "and", "suppliers", "."], sentences[0].Tokens);
        Assert.Equal([(3, 9)], BioTags.Spans(sentences[0].Skill));
        Assert.All(sentences, s => Assert.All(s.Knowledge, t => Assert.Equal(BioTags.O, t)));
        Assert.Contains(sentences, s => s.Tokens.Contains(",")); // quoted CSV fields
    }

    [Fact]
    public void A_bad_line_is_reported_with_file_and_line_number()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["""{"tokens": ["a"], "tags_skill": ["O"], "tags_knowledge": ["O"]}""", "", """{"tokens": ["a", "b"], "tags_skill": ["O"], "tags_knowledge": ["O", "O"]}"""]);
            var e = Assert.Throws<InvalidDataException>(() => SkillSpanCorpus.ReadJsonLines(path));
            Assert.Contains($"{path}:3:", e.Message);
            File.WriteAllText(path, "not json\n");
            Assert.Contains($"{path}:1:", Assert.Throws<InvalidDataException>(() => SkillSpanCorpus.ReadJsonLines(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Text_words_keep_offsets_and_split_edge_punctuation()
    {
        const string text = "Know (Python), node.js and C++.\nThen\u0000go!";
        var words = TextWords.Split(text);
        var strings = words.Select(w => text.Substring(w.Start, w.Length)).ToArray();
        Assert.Equal(["Know", "(", "Python", ")", ",", "node.js", "and", "C++", ".", "Then", "go", "!"], strings);
        var chunks = TextWords.Sentences(text, words, 128);
        Assert.Equal([(0, 9), (9, 12)], chunks);
        Assert.Equal([(0, 5), (5, 9), (9, 12)], TextWords.Sentences(text, words, 5));
        Assert.Empty(TextWords.Split(" \t\n "));
    }
}
