using JobRec.ML.Skills;
using JobRec.ML.Skills.FineTuning;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Tests.Skills.FineTuning;

/// <summary>MiniLM's real top layer fine-tuned with a small head, saved as format 3, and served by <see cref="SkillExtractorLoader"/>.</summary>
public sealed class FineTunedServingTests
{
    [Fact]
    public void A_fine_tuned_taggers_served_spans_equal_the_fine_tuners_spans()
    {
        var model = PretrainedEncoderModel.MiniLm;
        var pretrained = BertLayerStack.FromOnnx(BertOnnxGraph.Load(Path.Combine(model.CacheDirectory, "model.onnx")), 1);
        var stack = BertLayerStack.FromOnnx(BertOnnxGraph.Load(Path.Combine(model.CacheDirectory, "model.onnx")), 1);
        Assert.Equal(5, stack.FirstLayer);
        using var lower = OnnxSentenceEncoder.Load(model, new OnnxEncoderOptions(IntraOpThreads: 1, OutputLayer: stack.FirstLayer));
        var words = new WordStateEncoder(lower);
        var sentences = SkillSpanCorpus.ReadJsonLines(SharedData.File("skillspan", "train.json"))
            .Where(s => s.Tokens.Length <= 40 && s.Skill.Concat(s.Knowledge).Any(t => t != BioTags.O)).Take(260).ToList();
        List<TaggedSentence> train = sentences[..200], tune = sentences[200..];
        var tuneStates = FrozenTokenStates.Compute(words, tune.Select(s => s.Tokens).ToList());
        var (head, history) = SkillTaggerFineTuner.Train(words, stack, null, (train, FrozenTokenStates.Compute(words, train.Select(s => s.Tokens).ToList())), (tune, tuneStates),
            new SkillTaggerOptions(Radius: 1, Hidden: 64, Lstm: 0, BatchSentences: 16, Seed: 2), new FineTuneOptions(Epochs: 2, Patience: 2, StackLearningRate: 1e-4f, HeadLearningRate: 3e-3f));
        Assert.NotEqual(pretrained.Parameters, stack.Parameters);
        var vectors = SkillTaggerFineTuner.Vectors(words, stack, tuneStates);
        var trainerTags = vectors.Select(v => head.Tag(v)).ToList();
        Assert.Contains(trainerTags, t => t.Skill.Concat(t.Knowledge).Any(x => x != BioTags.O));

        var path = Path.Combine(Path.GetTempPath(), $"jobrec-ft-served-{Guid.NewGuid():N}.jrst");
        try
        {
            SkillTaggerModelFile.Save(head, path, stack);
            using var extractor = SkillExtractorLoader.Load(path, null, encoderThreads: 1);
            Assert.Equal((SkillExtractor.TaggerModel, 3, 1), (extractor.Model, extractor.ModelFormatVersion, extractor.FineTunedLayers));
            Assert.Contains("top 1 layer fine-tuned", extractor.Description);
            var served = extractor.Tagger!.Tag(tune.Select(s => s.Tokens).ToList());
            for (int i = 0; i < tune.Count; i++)
            {
                Assert.Equal(trainerTags[i].Skill, served[i].Skill);
                Assert.Equal(trainerTags[i].Knowledge, served[i].Knowledge);
            }
            // The text path serves the same model: spans point at their text.
            const string text = "You have experience with Python and SQL and you manage a team.";
            var extraction = extractor.Extract([text], 1000)[0];
            Assert.All(extraction.Spans, s => Assert.Equal(text.Substring(s.Start, s.Length), s.Text));
        }
        finally { File.Delete(path); }
    }
}
