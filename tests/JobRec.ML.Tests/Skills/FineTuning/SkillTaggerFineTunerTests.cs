using JobRec.ML.Skills;
using JobRec.ML.Skills.FineTuning;
using JobRec.ML.Tests.Text.Onnx;

namespace JobRec.ML.Tests.Skills.FineTuning;

/// <summary>Fine-tuning transformer layers with the tagger head: gradients, determinism, the model file. Small random stacks on MiniLM's last states
/// (the stack continues after layer 6), so the pretrained weights are not needed here.</summary>
public sealed class SkillTaggerFineTunerTests(OnnxModelsFixture models) : IClassFixture<OnnxModelsFixture>
{
    private static List<TaggedSentence> Sentences(int count, int maxWords) =>
        SkillSpanCorpus.ReadJsonLines(SharedData.File("skillspan", "train.json"))
            .Where(s => s.Tokens.Length <= maxWords && s.Skill.Concat(s.Knowledge).Any(t => t != BioTags.O)).Take(count).ToList();

    [Theory]
    [InlineData(0, 3, 1, false)]
    [InlineData(0, 3, 0, true)]
    [InlineData(6, 0, 1, false)]
    [InlineData(0, 0, 1, false)]
    public void Stack_gradients_through_the_pooling_and_the_head_match_finite_differences(int hidden, int lstm, int radius, bool crf)
    {
        var words = new WordStateEncoder(models.MiniLm);
        var sentences = Sentences(3, 10);
        var states = FrozenTokenStates.Compute(words, sentences.Select(s => s.Tokens).ToList());
        var stack = TinyStacks.Random(5);
        var head = new SkillTaggerHead("minilm", words.Dimension, radius, hidden, lstm, 1, crf);
        var random = new Random(2);
        head.FitStandardisation(SkillTaggerFineTuner.Vectors(words, stack, states));
        SkillTaggerTrainer.Initialise(head, random);
        var options = new SkillTaggerOptions(Radius: radius, Hidden: hidden, Lstm: lstm, InputDropout: 0, HiddenDropout: 0, Crf: crf);
        int[] batch = [0, 1, 2];
        int n = sentences.Sum(s => s.Tokens.Length);
        var gradient = new float[head.Parameters.Length];
        var ws = new SkillTaggerTrainer.Workspace();
        global::JobRec.ML.Text.Transformer.BertStackPass? pass = null;
        double Loss() => SkillTaggerFineTuner.Step(words, stack, head, options, (sentences, states), batch, n, new Random(1), gradient, ws, ref pass) / n;
        Loss();
        var analytic = (float[])stack.Gradients.Clone();
        // The largest gradients of every kind of parameter (attention, norms, feed-forward), so the check is above float noise.
        var indices = stack.Segments.SelectMany(s => Enumerable.Range(s.Offset, s.Length).OrderByDescending(i => Math.Abs(analytic[i])).Take(3)).ToList();
        Assert.Contains(indices, i => Math.Abs(analytic[i]) > 1e-3);
        int checkedCount = 0;
        foreach (int i in indices)
        {
            if (Math.Abs(analytic[i]) < 1e-4) continue;
            float saved = stack.Parameters[i];
            const float eps = 3e-3f;
            stack.Parameters[i] = saved + eps;
            double plus = Loss();
            stack.Parameters[i] = saved - eps;
            double minus = Loss();
            stack.Parameters[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-4 + 0.05 * Math.Abs(numeric), $"{stack.Segments.First(s => i >= s.Offset && i < s.Offset + s.Length).Name}[{i}]: numeric {numeric:G5}, analytic {analytic[i]:G5}");
            checkedCount++;
        }
        Assert.True(checkedCount >= 12, $"{checkedCount} parameters checked");
    }

    [Fact]
    public void Stack_vectors_equal_what_a_word_encoder_with_that_stack_serves()
    {
        var sentences = Sentences(300, 40).Select(s => s.Tokens).ToList(); // two blocks of WordStateEncoder.SentencesPerCall
        var stack = TinyStacks.Random(8);
        var frozen = new WordStateEncoder(models.MiniLm);
        var trained = SkillTaggerFineTuner.Vectors(frozen, stack, FrozenTokenStates.Compute(frozen, sentences));
        var served = new WordStateEncoder(models.MiniLm, stack).Encode(sentences);
        Assert.Equal(served.Length, trained.Length);
        for (int s = 0; s < served.Length; s++) Assert.Equal(served[s], trained[s]);
        Assert.NotEqual(frozen.Encode(sentences.Take(1).ToList())[0], served[0]);
    }

    [Fact]
    public void Fine_tuning_is_deterministic_given_the_seed_and_lowers_the_loss()
    {
        var words = new WordStateEncoder(models.MiniLm);
        var sentences = Sentences(48, 25);
        var states = FrozenTokenStates.Compute(words, sentences.Select(s => s.Tokens).ToList());
        var train = (sentences[..40], FrozenTokenStates.Compute(words, sentences[..40].Select(s => s.Tokens).ToList()));
        var tune = (sentences[40..], FrozenTokenStates.Compute(words, sentences[40..].Select(s => s.Tokens).ToList()));
        var options = new SkillTaggerOptions(Lstm: 8, BatchSentences: 8, InputDropout: 0.1f, Seed: 3);
        var fine = new FineTuneOptions(Epochs: 3, Patience: 3, StackLearningRate: 1e-3f, HeadLearningRate: 3e-3f);
        (float[] Head, float[] Stack, IReadOnlyList<SkillTaggerFineTuner.EpochResult> History) Run(int seed)
        {
            var stack = TinyStacks.Random(4);
            var (head, history) = SkillTaggerFineTuner.Train(words, stack, null, train, tune, options with { Seed = seed }, fine);
            return (head.Parameters, stack.Parameters, history);
        }
        var a = Run(3);
        var b = Run(3);
        var c = Run(9);
        Assert.Equal(a.Head, b.Head);
        Assert.Equal(a.Stack, b.Stack);
        Assert.NotEqual(a.Stack, c.Stack);
        Assert.NotEqual(TinyStacks.Random(4).Parameters, a.Stack);
        Assert.Equal([0, 1, 2, 3], a.History.Select(h => h.Epoch));
        Assert.True(a.History[3].Loss < a.History[1].Loss, $"loss {a.History[1].Loss:F4} -> {a.History[3].Loss:F4}");
    }

    [Fact]
    public void Format_3_round_trips_a_stack_and_format_2_files_still_load()
    {
        var stack = TinyStacks.Random(6, firstLayer: 5);
        var head = new SkillTaggerHead("minilm", 2 * 384 + WordStateEncoder.ShapeFeatures, 0, 0, 4, 1, crf: true);
        for (int i = 0; i < head.Parameters.Length; i++) head.Parameters[i] = i % 7 * 0.01f;
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-ft-tagger-{Guid.NewGuid():N}.jrst");
        try
        {
            SkillTaggerModelFile.Save(head, path, stack);
            var loaded = SkillTaggerModelFile.Load(path);
            Assert.Equal((3, 1), (loaded.FormatVersion, loaded.FineTunedLayers));
            Assert.Equal((5, 1, 384, 8, 12), (loaded.Stack!.FirstLayer, loaded.Stack.LayerCount, loaded.Stack.Dim, loaded.Stack.Intermediate, loaded.Stack.Heads));
            Assert.Equal(stack.Parameters, loaded.Stack.Parameters);
            Assert.Equal(head.Parameters, loaded.Head.Parameters);

            // Format 2: the same head without the fine-tuned layer count.
            SkillTaggerModelFile.Save(head, path);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal([0, 0, 0, 0], bytes[^4..]);
            var version2 = bytes[..^4];
            version2[4] = 2;
            File.WriteAllBytes(path, version2);
            var old = SkillTaggerModelFile.Load(path);
            Assert.Equal((2, 0), (old.FormatVersion, old.FineTunedLayers));
            Assert.Null(old.Stack);
            Assert.Equal(head.Parameters, old.Head.Parameters);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_truncated_or_inconsistent_format_3_file_gives_one_line_naming_it()
    {
        var stack = TinyStacks.Random(6, firstLayer: 5);
        var head = new SkillTaggerHead("minilm", 2 * 384 + WordStateEncoder.ShapeFeatures, 0, 0, 4, 1);
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-ft-tagger-{Guid.NewGuid():N}.jrst");
        try
        {
            SkillTaggerModelFile.Save(head, path, stack);
            var bytes = File.ReadAllBytes(path);
            int stackStart = bytes.Length - (4 * 7 + 4 * stack.Parameters.Length) - 4;
            foreach (var (broken, expected) in new (byte[], string)[]
            {
                (bytes[..^100], "ends inside the parameters"),
                (bytes[..(stackStart + 10)], "ends inside the header"),
                (Patched(bytes, stackStart, 2), "header says 2"),
                (Patched(bytes, stackStart, -1), "fine-tuned layer count -1"),
                ([.. bytes, 1], "trailing data"),
            })
            {
                File.WriteAllBytes(path, broken);
                var message = Assert.Throws<InvalidDataException>(() => SkillTaggerModelFile.Load(path)).Message;
                Assert.Contains(path, message);
                Assert.Contains(expected, message);
                Assert.DoesNotContain('\n', message);
            }
            Assert.Throws<ArgumentException>(() => SkillTaggerModelFile.Save(new SkillTaggerHead("minilm", 10, 0, 0, 4), path, stack));
        }
        finally { File.Delete(path); }
    }

    private static byte[] Patched(byte[] bytes, int offset, int value)
    {
        var copy = (byte[])bytes.Clone();
        BitConverter.GetBytes(value).CopyTo(copy, offset);
        return copy;
    }
}
