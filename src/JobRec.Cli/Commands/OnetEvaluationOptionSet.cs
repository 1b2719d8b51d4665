using System.CommandLine;
using JobRec.ML.Onet;
using JobRec.ML.Text;
using JobRec.ML.Text.FineTuning;

namespace JobRec.Cli.Commands;

/// <summary>The O*NET classifier settings <c>jobrec evaluate onet</c> and the lab's <c>jobrec-lab evaluate onet-development</c> share:
/// the O*NET folder, the classifier, head, re-ranker and fine-tuned encoder settings, and the encoder of the cosine evidence.
/// <see cref="Build"/> turns them into <see cref="OnetClassifierOptions"/>.</summary>
internal sealed class OnetEvaluationOptionSet
{
    /// <summary>Creates the options with the library's defaults.</summary>
    public OnetEvaluationOptionSet()
    {
        var defaults = new OnetClassifierOptions();
        Onet = new Option<string>("--onet") { Description = "O*NET folder to train on (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv)", Required = true };
        NoHead = new Option<bool>("--no-head") { Description = "Skip fine-tuning the projection head" };
        Epochs = new Option<int>("--classifier-epochs") { Description = "Epochs of the learned classifier", DefaultValueFactory = _ => defaults.ClassifierEpochs }.AtLeast(0);
        Rate = new Option<float>("--classifier-lr") { Description = "Initial SGD step of the learned classifier", DefaultValueFactory = _ => defaults.ClassifierLearningRate }.Positive();
        Hidden = new Option<int>("--classifier-hidden") { Description = "Width of the classifier's n-gram embeddings", DefaultValueFactory = _ => defaults.ClassifierHidden }.AtLeast(1);
        NoAugment = new Option<bool>("--no-augment") { Description = "Train on the given titles only, without those derived from the occupation titles (singular forms, list members)" };
        NoRerank = new Option<bool>("--no-rerank") { Description = "Rank by the fused score alone, without the reranker (trains one model instead of five)" };
        Folds = new Option<int>("--rerank-folds") { Description = "Cross-fitted parts of the training titles that give the reranker more lists (0 = development titles only)", DefaultValueFactory = _ => OnetClassifierDefaults.RerankFolds }.AtLeast(0);
        Candidates = new Option<int>("--rerank-candidates") { Description = "Fused candidates the reranker re-orders per title", DefaultValueFactory = _ => new RerankerOptions().Candidates }.AtLeast(1);
        HeadEpochs = new Option<int>("--head-epochs") { Description = "Epochs of the head's contrastive training", DefaultValueFactory = _ => new ContrastiveOptions().Epochs }.AtLeast(1);
        EncoderEpochs = new Option<int>("--encoder-epochs") { Description = "Epochs of the fine-tuned USE-Lite title classifier mixed into the learned classifier (0: none)", DefaultValueFactory = _ => OnetClassifierDefaults.EncoderEpochs }.AtLeast(0);
        EncoderShare = new Option<float>("--encoder-share") { Description = "Share of the fine-tuned USE-Lite classifier in the learned classifier's probabilities", DefaultValueFactory = _ => defaults.EncoderClassifierShare }.Within(0, 1);
        HeadTitlePairs = new Option<bool>("--head-title-pairs") { Description = "Also train the projection head on title-to-title pairs of one occupation" };
        // The classifier's encoder evidence: minilm-onet, measured best here (docs/EVALUATION.md; --encoder-epochs needs use-lite).
        Encoder = new EncoderOptionSet(OnetClassifierDefaults.EncoderName, "Encoder of the classifier's cosine evidence: minilm (default), minilm-onet (made by jobrec onet fine-tune-encoder), arctic-xs, use-lite (needed by --encoder-epochs), hashed");
    }

    /// <summary><c>--onet</c>.</summary>
    public Option<string> Onet { get; }

    /// <summary><c>--no-head</c>.</summary>
    public Option<bool> NoHead { get; }

    /// <summary><c>--classifier-epochs</c>.</summary>
    public Option<int> Epochs { get; }

    /// <summary><c>--classifier-lr</c>.</summary>
    public Option<float> Rate { get; }

    /// <summary><c>--classifier-hidden</c>.</summary>
    public Option<int> Hidden { get; }

    /// <summary><c>--no-augment</c>.</summary>
    public Option<bool> NoAugment { get; }

    /// <summary><c>--no-rerank</c>.</summary>
    public Option<bool> NoRerank { get; }

    /// <summary><c>--rerank-folds</c>.</summary>
    public Option<int> Folds { get; }

    /// <summary><c>--rerank-candidates</c>.</summary>
    public Option<int> Candidates { get; }

    /// <summary><c>--head-epochs</c>.</summary>
    public Option<int> HeadEpochs { get; }

    /// <summary><c>--encoder-epochs</c>.</summary>
    public Option<int> EncoderEpochs { get; }

    /// <summary><c>--encoder-share</c>.</summary>
    public Option<float> EncoderShare { get; }

    /// <summary><c>--head-title-pairs</c>.</summary>
    public Option<bool> HeadTitlePairs { get; }

    /// <summary><c>--encoder</c> and the ONNX settings.</summary>
    public EncoderOptionSet Encoder { get; }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.AddAll(Onet, NoHead, Epochs, Rate, Hidden, NoAugment, NoRerank, Folds, Candidates, HeadEpochs, EncoderEpochs, EncoderShare, HeadTitlePairs);
        Encoder.AddTo(command);
    }

    /// <summary>The classifier settings given on the command line.</summary>
    public OnetClassifierOptions Build(ParseResult parseResult) => new(
        FineTuneHead: !parseResult.GetValue(NoHead), ClassifierEpochs: parseResult.GetValue(Epochs),
        ClassifierLearningRate: parseResult.GetValue(Rate), ClassifierHidden: parseResult.GetValue(Hidden),
        AugmentTitles: !parseResult.GetValue(NoAugment), Rerank: !parseResult.GetValue(NoRerank), RerankFolds: parseResult.GetValue(Folds),
        Reranker: new RerankerOptions(Candidates: parseResult.GetValue(Candidates)),
        Contrastive: new ContrastiveOptions(Epochs: parseResult.GetValue(HeadEpochs)),
        EncoderClassifier: OnetClassifierDefaults.Encoder(parseResult.GetValue(EncoderEpochs)), EncoderClassifierShare: parseResult.GetValue(EncoderShare),
        HeadTitlePairs: parseResult.GetValue(HeadTitlePairs));

    /// <summary>The one-line error when <c>--encoder-epochs</c> asks to fine-tune USE-Lite but another encoder is chosen; null when they agree.</summary>
    public string? EncoderMismatch(ParseResult parseResult, string commandName) =>
        OnetClassifierDefaults.EncoderMismatch(parseResult.GetValue(EncoderEpochs), Encoder.Name(parseResult)) is { } why ? $"{commandName}: {why}" : null;

    /// <summary>The encoder of the cosine evidence with the persistent embedding cache <see cref="TextEncoderCatalog.EmbeddingCacheFile"/>.</summary>
    public DiskCachedTextEncoder CreateEncoder(ParseResult parseResult, Action<string> log)
    {
        var encoder = Encoder.Create(parseResult, log);
        return new(encoder, TextEncoderCatalog.EmbeddingCacheFile(Encoder.Name(parseResult), encoder));
    }
}
