using JobRec.ML.Skills;

namespace JobRec.ML.Tests.Skills;

public sealed class SkillTaggerTrainingTests
{
    private const int Dimension = 6;

    /// <summary>Synthetic sentences whose tags a word's own vector and its left neighbour decide: feature 0 marks skill words, feature 1 knowledge
    /// words; a skill word after a skill word is I. Noise in the other features.</summary>
    private static List<(TaggedSentence, float[])> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var result = new List<(TaggedSentence, float[])>();
        for (int s = 0; s < count; s++)
        {
            int n = random.Next(3, 12);
            var skill = new byte[n];
            var knowledge = new byte[n];
            var vectors = new float[n * Dimension];
            bool inSkill = false;
            for (int w = 0; w < n; w++)
            {
                bool isSkill = random.NextDouble() < 0.35, isKnowledge = !isSkill && random.NextDouble() < 0.2;
                skill[w] = isSkill ? (inSkill ? BioTags.I : BioTags.B) : BioTags.O;
                knowledge[w] = isKnowledge ? BioTags.B : BioTags.O;
                inSkill = isSkill;
                vectors[w * Dimension] = isSkill ? 1 : 0;
                vectors[w * Dimension + 1] = isKnowledge ? 1 : 0;
                for (int i = 2; i < Dimension; i++) vectors[w * Dimension + i] = (float)random.NextDouble();
            }
            result.Add((new TaggedSentence(Enumerable.Range(0, n).Select(i => $"w{i}").ToArray(), skill, knowledge), vectors));
        }
        return result;
    }

    private static readonly SkillTaggerOptions Small = new(Radius: 1, Hidden: 16, Lstm: 0, Epochs: 15, Patience: 15, BatchSentences: 8, LearningRate: 5e-3f, InputDropout: 0, HiddenDropout: 0.1f, Seed: 3);

    [Fact]
    public void Learns_spans_that_need_the_left_neighbour()
    {
        var (head, history) = SkillTaggerTrainer.Train("test", Dimension, Synthetic(300, 1), Synthetic(60, 2), Small);
        var scores = SkillTaggerTrainer.Evaluate(head, Synthetic(100, 3));
        Assert.True(scores.Skill.F1 > 0.95, $"skill {scores.Skill}");
        Assert.True(scores.Knowledge.F1 > 0.95, $"knowledge {scores.Knowledge}");
        Assert.True(history[^1].Loss < history[0].Loss);
    }

    /// <summary>Knowledge words are marked by feature 1, but only count when the sentence's first word has feature 2 set: a window of one
    /// neighbour cannot see that far, a BiLSTM can.</summary>
    private static List<(TaggedSentence, float[])> LongRange(int count, int seed)
    {
        var result = Synthetic(count, seed);
        var random = new Random(seed + 100);
        for (int s = 0; s < result.Count; s++)
        {
            var (sentence, vectors) = result[s];
            bool mode = random.NextDouble() < 0.5;
            vectors[2] = mode ? 1 : 0;
            for (int w = 0; w < sentence.Tokens.Length; w++)
                if (!mode) sentence.Knowledge[w] = BioTags.O;
        }
        return result;
    }

    [Fact]
    public void A_bilstm_head_learns_what_a_window_cannot_see()
    {
        var options = Small with { Hidden = 0, Lstm = 16, Radius = 0, Epochs = 25, Patience = 25, LearningRate = 1e-2f };
        var (lstm, _) = SkillTaggerTrainer.Train("test", Dimension, LongRange(300, 1), LongRange(60, 2), options);
        var (window, _) = SkillTaggerTrainer.Train("test", Dimension, LongRange(300, 1), LongRange(60, 2), Small);
        var test = LongRange(100, 3);
        var lstmScores = SkillTaggerTrainer.Evaluate(lstm, test);
        var windowScores = SkillTaggerTrainer.Evaluate(window, test);
        Assert.True(lstmScores.Knowledge.F1 > 0.9, $"lstm {lstmScores.Knowledge}");
        Assert.True(lstmScores.Skill.F1 > 0.9, $"lstm {lstmScores.Skill}");
        Assert.True(windowScores.Knowledge.F1 < lstmScores.Knowledge.F1 - 0.1, $"window {windowScores.Knowledge} vs lstm {lstmScores.Knowledge}");
    }

    [Theory]
    [InlineData(0, 0, 1, false)]
    [InlineData(5, 0, 1, false)]
    [InlineData(0, 3, 1, false)]
    [InlineData(0, 3, 2, false)]
    [InlineData(0, 3, 1, true)]
    [InlineData(0, 0, 1, true)]
    public void Analytic_gradients_match_finite_differences(int hidden, int lstm, int layers, bool crf)
    {
        var head = new SkillTaggerHead("test", Dimension, 1, hidden, lstm, layers, crf);
        var random = new Random(11);
        SkillTaggerTrainer.Initialise(head, random);
        for (int i = 0; i < head.Parameters.Length; i++) head.Parameters[i] += (float)(random.NextDouble() - 0.5) * 0.2f;
        var batch = Synthetic(3, 5);
        int n = batch.Sum(b => b.Item1.Tokens.Length);
        var options = new SkillTaggerOptions(Radius: 1, Hidden: hidden, Lstm: lstm, InputDropout: 0, HiddenDropout: 0, LstmLayers: layers, Crf: crf);
        var gradient = new float[head.Parameters.Length];
        var ws = new SkillTaggerTrainer.Workspace();
        SkillTaggerTrainer.Step(head, batch, n, options, new Random(1), gradient, ws);
        var analytic = (float[])gradient.Clone();
        int checkedCount = 0;
        var indices = Enumerable.Range(0, 60).Select(k => k * Math.Max(1, head.Parameters.Length / 60)).Where(i => i < head.Parameters.Length)
            .Concat(crf ? Enumerable.Range(head.CrfOffset, 2 * BioCrf.ParameterCount) : []).Distinct();
        foreach (int i in indices)
        {
            float saved = head.Parameters[i];
            const float eps = 1e-2f;
            head.Parameters[i] = saved + eps;
            double plus = SkillTaggerTrainer.Step(head, batch, n, options, new Random(1), gradient, ws) / n;
            head.Parameters[i] = saved - eps;
            double minus = SkillTaggerTrainer.Step(head, batch, n, options, new Random(1), gradient, ws) / n;
            head.Parameters[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-3 + 0.05 * Math.Abs(numeric), $"parameter {i}: numeric {numeric:G5}, analytic {analytic[i]:G5}");
            checkedCount++;
        }
        Assert.True(checkedCount >= 30);
    }

    /// <summary>A word's own vector says "skill" but not whether it begins a span (that depends on its left neighbour): a per-word linear softmax
    /// cannot tell B from I, a linear head with a CRF learns it from the transition scores.</summary>
    [Fact]
    public void A_crf_learns_from_transitions_what_a_per_word_head_cannot_see()
    {
        var options = Small with { Hidden = 0, Lstm = 0, Radius = 0, Epochs = 20, Patience = 20, LearningRate = 1e-2f };
        var (crf, _) = SkillTaggerTrainer.Train("test", Dimension, Synthetic(300, 1), Synthetic(60, 2), options with { Crf = true });
        var (softmax, _) = SkillTaggerTrainer.Train("test", Dimension, Synthetic(300, 1), Synthetic(60, 2), options);
        var test = Synthetic(100, 3);
        var crfScores = SkillTaggerTrainer.Evaluate(crf, test);
        var softmaxScores = SkillTaggerTrainer.Evaluate(softmax, test);
        Assert.True(crfScores.Skill.F1 > 0.95, $"crf {crfScores.Skill}");
        Assert.True(softmaxScores.Skill.F1 < crfScores.Skill.F1 - 0.1, $"softmax {softmaxScores.Skill} vs crf {crfScores.Skill}");
    }

    [Fact]
    public void Crf_decoding_never_puts_I_after_O_and_learns_from_normalised_gold()
    {
        // Emissions favour I over B over O except at word 2; transitions are neutral: the decode must still start spans with B.
        float[] emissions = [0, 1, 5, 0, 0, 0, /**/ 0, 1, 5, 0, 0, 0, /**/ 9, 0, 0, 0, 0, 0, /**/ 0, 1, 5, 0, 0, 0];
        var tags = BioCrf.Decode(emissions, 4, SkillTaggerHead.Outputs, 0, new float[BioCrf.ParameterCount]);
        Assert.Equal([BioTags.B, BioTags.I, BioTags.O, BioTags.B], tags);
        byte[] gold = [BioTags.I, BioTags.I, BioTags.O, BioTags.I];
        Assert.Equal([BioTags.B, BioTags.I, BioTags.O, BioTags.B], Enumerable.Range(0, 4).Select(w => BioCrf.Normalised(gold, w)).ToArray());
    }

    [Fact]
    public void A_linear_head_trains_too()
    {
        var (head, _) = SkillTaggerTrainer.Train("test", Dimension, Synthetic(300, 1), Synthetic(60, 2), Small with { Hidden = 0 });
        Assert.Equal(0, head.Hidden);
        Assert.True(SkillTaggerTrainer.Evaluate(head, Synthetic(100, 3)).Knowledge.F1 > 0.95);
    }

    [Fact]
    public void Training_is_deterministic_given_the_seed()
    {
        var train = Synthetic(120, 1);
        var tune = Synthetic(30, 2);
        var options = Small with { Epochs = 3, InputDropout = 0.2f };
        var a = SkillTaggerTrainer.Train("test", Dimension, train, tune, options).Head;
        var b = SkillTaggerTrainer.Train("test", Dimension, train, tune, options).Head;
        var c = SkillTaggerTrainer.Train("test", Dimension, train, tune, options with { Seed = 4 }).Head;
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(a.Parameters, c.Parameters);
    }

    [Fact]
    public void Model_file_round_trips_and_rejects_bad_files()
    {
        var (head, _) = SkillTaggerTrainer.Train("minilm", Dimension, Synthetic(60, 1), Synthetic(20, 2), Small with { Epochs = 2, Hidden = 0, Lstm = 4, LstmLayers = 2, Crf = true });
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-skill-tagger-{Guid.NewGuid():N}.jrst");
        try
        {
            SkillTaggerModelFile.Save(head, path);
            var file = SkillTaggerModelFile.Load(path);
            Assert.Equal((SkillTaggerModelFile.FormatVersion, 0), (file.FormatVersion, file.FineTunedLayers));
            var loaded = file.Head;
            Assert.Equal(("minilm", head.InputDimension, head.Radius, head.Hidden, head.Lstm, 2, true),
                (loaded.EncoderName, loaded.InputDimension, loaded.Radius, loaded.Hidden, loaded.Lstm, loaded.LstmLayerCount, loaded.Crf));
            Assert.Equal(head.Parameters, loaded.Parameters);
            Assert.Equal(head.Mean, loaded.Mean);
            Assert.Equal(head.Scale, loaded.Scale);
            var sentence = Synthetic(1, 9)[0].Item2;
            Assert.Equal(head.LogProbabilities(sentence), loaded.LogProbabilities(sentence));
            Assert.Equal(head.Tag(sentence).Skill, loaded.Tag(sentence).Skill);
            Assert.Equal(head.Tag(sentence).Knowledge, loaded.Tag(sentence).Knowledge);

            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..^3]);
            Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => SkillTaggerModelFile.Load(path)).Message);
            File.WriteAllBytes(path, [.. bytes, 0]);
            Assert.Contains("trailing data", Assert.Throws<InvalidDataException>(() => SkillTaggerModelFile.Load(path)).Message);
            var wrongVersion = (byte[])bytes.Clone();
            wrongVersion[4] = 99;
            File.WriteAllBytes(path, wrongVersion);
            Assert.Contains("format version 99", Assert.Throws<InvalidDataException>(() => SkillTaggerModelFile.Load(path)).Message);
            wrongVersion[4] = 1; // the layout before LSTM layers and CRF: refused in one line that says to retrain
            File.WriteAllBytes(path, wrongVersion);
            var old = Assert.Throws<InvalidDataException>(() => SkillTaggerModelFile.Load(path)).Message;
            Assert.Contains("format version 1 is not supported: this build reads versions 2 to 3", old);
            Assert.Contains("jobrec train skills", old);
            Assert.DoesNotContain('\n', old);
            File.WriteAllBytes(path, "JRPH...."u8.ToArray());
            Assert.Contains("expected magic \"JRST\", found \"JRPH\"", Assert.Throws<InvalidDataException>(() => SkillTaggerModelFile.Load(path)).Message);
        }
        finally { File.Delete(path); }
        Assert.Throws<FileNotFoundException>(() => SkillTaggerModelFile.Load(path));
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_their_name()
    {
        Assert.Contains("Radius", Assert.Throws<ArgumentOutOfRangeException>(() => new SkillTaggerOptions(Radius: -1, Hidden: 0).Validate()).Message);
        Assert.Contains("InputDropout", Assert.Throws<ArgumentOutOfRangeException>(() => new SkillTaggerOptions(Hidden: 0, InputDropout: 1).Validate()).Message);
        Assert.Contains("LstmLayers", Assert.Throws<ArgumentOutOfRangeException>(() => new SkillTaggerOptions(LstmLayers: 3).Validate()).Message);
        Assert.Contains("SpanWeight", Assert.Throws<ArgumentOutOfRangeException>(() => new SkillTaggerOptions(Crf: true, SpanWeight: 2).Validate()).Message);
    }
}
