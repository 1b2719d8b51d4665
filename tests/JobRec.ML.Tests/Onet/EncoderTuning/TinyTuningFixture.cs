using JobRec.Data.Model;
using JobRec.Data.Readers.Onet;
using JobRec.ML.Onet;
using JobRec.ML.Onet.EncoderTuning;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Tests.Onet.EncoderTuning;

/// <summary>Real MiniLM (from the model cache; fails when deploy/setup.sh has not installed it) and 40 O*NET training titles of 8 occupations,
/// with the frozen token states entering MiniLM's last layer.</summary>
public sealed class TinyTuningFixture
{
    public TinyTuningFixture()
    {
        var all = OnetSource.LoadOccupations(SharedData.File("onet", OnetEvaluation.OccupationFile));
        var titles = OnetSource.LoadAlternateTitles(SharedData.File("onet", OnetEvaluation.AlternateTitlesFile));
        var (training, _) = OnetEncoderTuning.Titles(all, titles);
        Occupations = all.Where((_, i) => i % 100 == 3).Take(8).ToArray();
        var codes = Occupations.Select(o => o.Code).ToHashSet();
        Training = training.Where(t => codes.Contains(t.Code)).GroupBy(t => t.Code).SelectMany(g => g.Take(5)).ToArray();
        Pairs = OnetTitlePairs.Build(Occupations, Training);
        Graph = BertOnnxGraph.Load(ModelPath);
        using var frozen = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 1) with { OutputLayer = Graph.LayerCount - 1 });
        States = frozen.TokenStates(Pairs.Texts.Select(t => frozen.Tokenizer.Encode(t, frozen.MaxTokens)).ToArray());
    }

    public static string ModelPath => Path.Combine(PretrainedEncoderModel.MiniLm.CacheDirectory, "model.onnx");

    public static EncoderTuningOptions Options { get; } = new(Layers: 1, Epochs: 5, BatchSize: 16, LearningRate: 1e-4f, WarmupFraction: 0.2f, Seed: 11);

    public IReadOnlyList<Occupation> Occupations { get; }

    public IReadOnlyList<TitleLabel> Training { get; }

    public OnetTitlePairs Pairs { get; }

    public BertOnnxGraph Graph { get; }

    public float[][] States { get; }

    /// <summary>A fresh copy of MiniLM's last layer trained with <see cref="Options"/>.</summary>
    public BertLayerStack Train(out IReadOnlyList<double> losses)
    {
        var stack = BertLayerStack.FromOnnx(Graph, 1);
        losses = LayerContrastiveTrainer.Train(stack, States, random => Pairs.Sample(random, Options.AlternateShare), Options);
        return stack;
    }
}
