using JobRec.Data.Readers.Onet;
using JobRec.ML.Onet;
using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Tests.Onet;

/// <summary>One re-ranked O*NET model per test run, trained with everything the saved form has to hold (projection head, learned classifier,
/// n-gram index, re-ranker) on the real O*NET occupations and every 12th alternate title, with the hashing test encoder (a few seconds);
/// and titles held out from it.</summary>
public sealed class SmallRerankedOnetModel
{
    public SmallRerankedOnetModel()
    {
        var dir = SharedData.File("onet");
        var occupations = OnetSource.LoadOccupations(Path.Combine(dir, OnetEvaluation.OccupationFile));
        var all = OnetSource.LoadAlternateTitles(Path.Combine(dir, OnetEvaluation.AlternateTitlesFile));
        var train = all.Where((_, i) => i % 12 == 0).ToList();
        HeldOut = all.Where((_, i) => i % 12 == 5).Take(60).Select(t => t.Title).ToArray();
        var options = new OnetClassifierOptions(FineTuneHead: true, Contrastive: new ContrastiveOptions(Epochs: 1), ClassifierEpochs: 2, RerankFolds: 0,
            Reranker: new RerankerOptions(Epochs: 3));
        (Classifier, _) = OnetModelTraining.Train(occupations, train, Encoder, options, heldOutTitles: HeldOut);
    }

    public JobRec.ML.Text.ITextEncoder Encoder { get; } = new HashingTextEncoder(64);

    public OnetClassifier Classifier { get; }

    public string[] HeldOut { get; }
}
