using JobRec.Contracts.Inference;
using JobRec.Grains.Hosting;
using JobRec.ML.Language.Answering;
using JobRec.ML.Text;

namespace JobRec.Grains.Inference;

/// <summary>The silo-wide models behind the inference worker pool, each behind a micro-batcher; the scorer can be swapped once a model is trained.</summary>
public sealed class InferenceModels : IAsyncDisposable
{
    private readonly MicroBatcher<string, float[]> _encoder;
    private readonly MicroBatcher<CandidateFeatures, float> _scorer;
    private readonly MicroBatcher<(string Title, string Description), OccupationMatch> _classifier;
    private volatile ICandidateScorer _currentScorer;
    private readonly MicroBatcher<QaRequest, QaAnswer> _answers;
    private volatile IOccupationClassifier? _currentClassifier;
    private volatile QuestionAnswerer? _currentAnswerer;

    /// <summary>Creates the batchers over an encoder, an initial scorer and an optional O*NET classifier.</summary>
    public InferenceModels(ITextEncoder encoder, ICandidateScorer scorer, IOccupationClassifier? classifier, ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(options);
        Encoder = encoder;
        _currentScorer = scorer;
        _currentClassifier = classifier;
        _encoder = new MicroBatcher<string, float[]>(EncodeBatch, options.BatchWindow, options.MaxBatch);
        _scorer = new MicroBatcher<CandidateFeatures, float>(ScoreBatch, TimeSpan.Zero, options.MaxBatch * 64);
        _classifier = new MicroBatcher<(string, string), OccupationMatch>(ClassifyBatch, options.BatchWindow, options.MaxBatch);
        _answers = new MicroBatcher<QaRequest, QaAnswer>(AnswerBatch, options.BatchWindow, options.MaxBatch);
        _currentAnswerer = QaCheckpointLocation.Load(options.QaCheckpointPath);
    }

    /// <summary>The text encoder (dimension of every embedding).</summary>
    public ITextEncoder Encoder { get; }

    /// <summary>The candidate scorer now in use.</summary>
    public ICandidateScorer Scorer
    {
        get => _currentScorer;
        set => _currentScorer = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The O*NET classifier now in use, or null when none is loaded.</summary>
    public IOccupationClassifier? Classifier
    {
        get => _currentClassifier;
        set => _currentClassifier = value;
    }

    /// <summary>The QA language model answerer now in use (loaded from JOBREC_QA_CHECKPOINT when set), or null when none is trained: ask then answers extractively.</summary>
    public QuestionAnswerer? Answerer
    {
        get => _currentAnswerer;
        set => _currentAnswerer = value;
    }

    /// <summary>QA batches run so far and questions answered by the language model.</summary>
    public (long Batches, long Items) AnswerStatistics => (_answers.Batches, _answers.Items);

    /// <summary>Encoder batches run so far and texts encoded.</summary>
    public (long Batches, long Items) EncoderStatistics => (_encoder.Batches, _encoder.Items);

    /// <summary>Embeds texts through the encoder batcher.</summary>
    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts) => _encoder.SubmitAsync(texts);

    /// <summary>Scores candidates through the scorer batcher.</summary>
    public Task<float[]> ScoreAsync(IReadOnlyList<CandidateFeatures> candidates) => _scorer.SubmitAsync(candidates);

    /// <summary>Classifies postings through the classifier batcher.</summary>
    public Task<OccupationMatch[]> ClassifyAsync(IReadOnlyList<(string Title, string Description)> postings) => _classifier.SubmitAsync(postings);

    /// <summary>Answers questions through the QA batcher; throws <see cref="InvalidOperationException"/> when no answerer is loaded.</summary>
    public Task<QaAnswer[]> AnswerAsync(IReadOnlyList<QaRequest> requests) => _answers.SubmitAsync(requests);

    /// <summary>Encodes texts directly, without batching (bulk ingest).</summary>
    public float[][] EncodeNow(IReadOnlyList<string> texts) => EncodeBatch(texts);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _encoder.DisposeAsync().ConfigureAwait(false);
        await _scorer.DisposeAsync().ConfigureAwait(false);
        await _classifier.DisposeAsync().ConfigureAwait(false);
        await _answers.DisposeAsync().ConfigureAwait(false);
    }

    private float[][] EncodeBatch(IReadOnlyList<string> texts)
    {
        var d = Encoder.Dimension;
        var flat = Encoder.Encode(texts);
        if (flat.Length != texts.Count * d)
        {
            throw new InvalidOperationException($"encoder returned {flat.Length} floats for {texts.Count} texts of dimension {d}");
        }

        var rows = new float[texts.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = flat.AsSpan(i * d, d).ToArray();
        }

        return rows;
    }

    private float[] ScoreBatch(IReadOnlyList<CandidateFeatures> candidates)
    {
        var scores = new float[candidates.Count];
        _currentScorer.Score(candidates, scores);
        return scores;
    }

    private OccupationMatch[] ClassifyBatch(IReadOnlyList<(string Title, string Description)> postings)
    {
        var classifier = _currentClassifier;
        if (classifier is null)
        {
            return postings.Select(_ => new OccupationMatch("", "", 0f)).ToArray();
        }

        return classifier.Classify(postings).ToArray();
    }

    private IReadOnlyList<QaAnswer> AnswerBatch(IReadOnlyList<QaRequest> requests)
    {
        var answerer = _currentAnswerer ?? throw new InvalidOperationException("no QA language model is loaded");
        return answerer.AnswerBatch(requests);
    }
}
