using JobRec.Grains.Occupations;
using JobRec.ML.Onet;
using JobRec.ML.Recommenders;

namespace JobRec.Grains.Tests.Occupations;

/// <summary>One classifier per test run, trained on the real O*NET files with a hashed encoder and a sample of alternate titles (a few seconds).</summary>
internal static class SmallOnetClassifier
{
    private static readonly Lazy<OnetOccupationClassifier> Shared = new(() => OnetOccupationClassifier.Train(
        System.IO.Path.Combine(SharedDataDirectory.Path, "onet"), new HashedTextEncoder(256),
        new OnetClassifierOptions(FineTuneHead: false, ClassifierEpochs: 2), maxTrainingTitles: 8_000));

    public static OnetOccupationClassifier Instance => Shared.Value;
}
