using JobRec.Grains.Occupations;
using JobRec.ML.Onet;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Grains.Tests.Occupations;

/// <summary>Classifiers shared by the tests of a run, trained on the real O*NET files with a hashed encoder and a sample of alternate titles (a few
/// seconds each): the fused-order one the silo trains by default, and one with the re-ranker.</summary>
internal static class SmallOnetClassifier
{
    /// <summary>The encoder both were trained with (and must be loaded with).</summary>
    public static HashedTextEncoder Encoder { get; } = new(256);

    private static readonly Lazy<OnetOccupationClassifier> Shared = new(() => OnetOccupationClassifier.Train(
        System.IO.Path.Combine(SharedData.Root, "onet"), Encoder,
        new OnetClassifierOptions(FineTuneHead: false, ClassifierEpochs: 2, Rerank: false), maxTrainingTitles: 8_000));

    private static readonly Lazy<OnetOccupationClassifier> SharedReranked = new(() => OnetOccupationClassifier.Train(
        System.IO.Path.Combine(SharedData.Root, "onet"), Encoder,
        new OnetClassifierOptions(FineTuneHead: false, ClassifierEpochs: 2, RerankFolds: 0, Reranker: new RerankerOptions(Epochs: 3)), maxTrainingTitles: 5_000));

    public static OnetOccupationClassifier Instance => Shared.Value;

    public static OnetOccupationClassifier Reranked => SharedReranked.Value;
}
