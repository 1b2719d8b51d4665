using JobRec.ML.Language;
using JobRec.ML.Language.Corpus;
using JobRec.ML.Language.Model;
using JobRec.ML.Language.Tokenization;
using JobRec.ML.Language.Training;
using Microsoft.Extensions.Time.Testing;

namespace JobRec.ML.Tests.Language;

public class TransformerTrainingTests
{
    [Fact]
    public void Tiny_model_overfits_one_batch()
    {
        var model = new TransformerModel(new TransformerConfig(32, 16, 32, 4, 2), seed: 2);
        var rng = new Random(3);
        var tokens = Enumerable.Range(0, 2 * 16).Select(_ => rng.Next(32)).ToArray();
        var targets = Enumerable.Range(0, 2 * 16).Select(_ => rng.Next(32)).ToArray();
        var optimizer = new AdamWOptimizer(model.Layout, weightDecay: 0f);
        float first = model.Forward(tokens, targets, 2, 16), loss = first;
        for (int step = 0; step < 300 && loss > 0.05f; step++)
        {
            model.Backward();
            GradientClipping.ClipByGlobalNorm(model.Gradients, 1f);
            optimizer.Update(model.Parameters, model.Gradients, 1e-2f);
            loss = model.Forward(tokens, targets, 2, 16);
        }
        Assert.True(first > 3f, $"initial loss {first} should be near ln 32 = 3.47");
        Assert.True(loss < 0.1f, $"loss only fell from {first} to {loss}");
    }

    [Fact]
    public void Training_loss_falls_on_a_small_corpus()
    {
        var docs = SmallCorpus.Documents(200);
        var tokenizer = ByteLevelBpeTokenizer.Train(docs, 300);
        var corpus = TokenCorpus.Encode(tokenizer, docs);
        var model = new TransformerModel(new TransformerConfig(tokenizer.VocabSize, 32, 32, 2, 2), seed: 4);
        var result = LanguageModelTrainer.Train(model, corpus, new TrainingOptions
        {
            BatchSize = 4, SequenceLength = 32, LearningRate = 3e-3f, WarmupSteps = 10, Steps = 150, LogEvery = 25,
        });
        Assert.Equal(150, result.Steps);
        Assert.True(result.FinalLoss < result.FirstLoss * 0.6f, $"loss went from {result.FirstLoss} to {result.FinalLoss} in {result.Steps} steps");
    }

    [Fact]
    public void A_time_bounded_run_decays_its_learning_rate_by_the_end()
    {
        var docs = SmallCorpus.Documents(50);
        var tokenizer = ByteLevelBpeTokenizer.Train(docs, 280);
        var corpus = TokenCorpus.Encode(tokenizer, docs);
        var model = new TransformerModel(new TransformerConfig(tokenizer.VocabSize, 16, 16, 2, 1), seed: 5);
        var reports = new List<TrainingStep>();
        // A fake clock that moves 50 ms each time it is read: the trainer reads it twice a step here (the limit check and the progress
        // report), so a step "takes" 100 ms and the 4 s budget allows about 40 steps however fast the machine runs them.
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(50) };
        var result = LanguageModelTrainer.Train(model, corpus, new TrainingOptions
        {
            BatchSize = 2, SequenceLength = 16, LearningRate = 1e-3f, WarmupSteps = 10, Steps = int.MaxValue, LogEvery = 1,
            TimeLimit = TimeSpan.FromSeconds(4), Clock = clock,
        }, new CollectingProgress(reports));
        Assert.InRange(result.Steps, 30, 45);
        Assert.True(result.Elapsed >= TimeSpan.FromSeconds(4), $"stopped after {result.Elapsed} of fake time");
        Assert.Equal(1e-3f, reports.Max(r => r.LearningRate), 4);
        // the cosine is fitted to the steps the time allows (refitted as the speed is measured), so the run ends near the floor (1e-4)
        Assert.True(reports[^1].LearningRate < 0.5e-3f, $"last rate {reports[^1].LearningRate} after {result.Steps} steps");
    }

    private sealed class CollectingProgress(List<TrainingStep> into) : IProgress<TrainingStep>
    {
        public void Report(TrainingStep value) => into.Add(value);
    }

    [Fact]
    public void Schedule_warms_up_then_decays_to_the_floor()
    {
        var s = new LearningRateSchedule(1f, 10, 110, 0.1f);
        Assert.Equal(0.1f, s.RateAt(0), 5);
        Assert.Equal(1f, s.RateAt(9), 5);
        Assert.Equal(0.55f, s.RateAt(60), 3);
        Assert.Equal(0.1f, s.RateAt(110), 5);
        Assert.True(s.RateAt(30) > s.RateAt(80));
    }

    [Fact]
    public void Clipping_bounds_the_global_norm_and_rejects_nan()
    {
        float[] g = [3f, 4f];
        Assert.Equal(5f, GradientClipping.ClipByGlobalNorm(g, 1f), 5);
        Assert.Equal(0.6f, g[0], 5);
        Assert.Equal(0.8f, g[1], 5);
        Assert.Throws<ArithmeticException>(() => GradientClipping.ClipByGlobalNorm(new[] { float.NaN }, 1f));
    }

    [Fact]
    public void Checkpoint_round_trips_and_rejects_truncated_files()
    {
        var tokenizer = ByteLevelBpeTokenizer.Train(SmallCorpus.Documents(20), 280);
        var model = new LanguageModel(tokenizer, new TransformerModel(new TransformerConfig(tokenizer.VocabSize, 16, 16, 2, 1), seed: 9));
        var path = Path.Combine(Path.GetTempPath(), $"jrlm-{Guid.NewGuid():N}.bin");
        try
        {
            LanguageModelCheckpoint.Save(model, path);
            var loaded = LanguageModelCheckpoint.Load(path);
            Assert.Equal(model.Transformer.Config, loaded.Transformer.Config);
            Assert.Equal(model.Transformer.Parameters, loaded.Transformer.Parameters);
            Assert.Equal(tokenizer.Encode("The job title is X"), loaded.Tokenizer.Encode("The job title is X"));
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);
            var e = Assert.Throws<InvalidDataException>(() => LanguageModelCheckpoint.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("offset", e.Message);
        }
        finally { File.Delete(path); }
    }
}
