using System.Collections.Concurrent;
using JobRec.Contracts.Inference;
using JobRec.Grains.Hosting;
using JobRec.ML.Language.Answering;
using JobRec.ML.Models;
using JobRec.ML.Text;

namespace JobRec.Grains.Inference;

/// <summary>The silo-wide models behind the inference worker pool, each behind a micro-batcher. Models are swapped while serving
/// (<see cref="Install"/>, called by the model refresher): a batch reads the model once, so requests already in a batch finish on the old one.</summary>
public sealed class InferenceModels : IAsyncDisposable
{
    private readonly MicroBatcher<string, float[]> _encoder;
    private readonly MicroBatcher<CandidateFeatures, float> _scorer;
    private readonly MicroBatcher<(string Title, string Description), OccupationMatch> _classifier;
    private volatile ICandidateScorer _currentScorer;
    private readonly MicroBatcher<QaRequest, QaAnswer> _answers;
    private volatile IOccupationClassifier? _currentClassifier;
    private volatile QuestionAnswerer? _currentAnswerer;
    private readonly ConcurrentDictionary<string, ServedModelInfo> _served = new();
    private long _generation;

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
        var now = DateTimeOffset.UtcNow;
        _served[ModelNames.Recommender] = scorer is LinearCandidateScorer
            ? new ServedModelInfo(ModelNames.Recommender, 0, scorer.Name, "fallback", "linear (no model trained yet)", null, now)
            : new ServedModelInfo(ModelNames.Recommender, 0, scorer.Name, "host", $"{scorer.Name} (set by the host)", null, now);
        _served[ModelNames.Onet] = classifier is null
            ? new ServedModelInfo(ModelNames.Onet, 0, "none", "none", "none (jobs keep their source's O*NET code)", null, now)
            : new ServedModelInfo(ModelNames.Onet, 0, ModelNames.OnetKind, "host", "O*NET classifier configured by the host", null, now);
        _served[ModelNames.Qa] = _currentAnswerer is null
            ? new ServedModelInfo(ModelNames.Qa, 0, "extractive", "fallback", "extractive (no QA language model trained yet)", null, now)
            : new ServedModelInfo(ModelNames.Qa, 0, ModelNames.QaKind, "host", $"QA checkpoint {options.QaCheckpointPath}", null, now);
    }

    /// <summary>Goes up by one each time the recommender model changes: user grains drop recommendations cached under an older one.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>What each slot serves now (recommender, onet, qa).</summary>
    public IReadOnlyList<ServedModelInfo> Served => [.. ModelNames.All.Where(_served.ContainsKey).Select(n => _served[n])];

    /// <summary>The served model of one slot, or null.</summary>
    public ServedModelInfo? ServedModel(string name) => _served.TryGetValue(name, out var info) ? info : null;

    /// <summary>Starts serving <paramref name="model"/> (from <see cref="ServingModelLoader.Load"/>) in the slot <paramref name="metadata"/> names.</summary>
    /// <exception cref="ArgumentException">The model's type does not fit the slot.</exception>
    public void Install(ModelMetadata metadata, object model, string storeDescription)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(model);
        switch (metadata.Name, model)
        {
            case (ModelNames.Recommender, ICandidateScorer scorer):
                _currentScorer = scorer;
                Interlocked.Increment(ref _generation);
                break;
            case (ModelNames.Onet, IOccupationClassifier classifier):
                _currentClassifier = classifier;
                break;
            case (ModelNames.Qa, QuestionAnswerer answerer):
                _currentAnswerer = answerer;
                break;
            case (ModelNames.Skills, JobRec.ML.Skills.SkillExtractor extractor) when Skills is { } pool:
                pool.Install(extractor);
                break;
            default:
                throw new ArgumentException($"a {model.GetType().Name} cannot serve model slot '{metadata.Name}'", nameof(model));
        }

        _served[metadata.Name] = new ServedModelInfo(metadata.Name, metadata.Version, metadata.Kind, "store",
            $"{metadata.Kind} v{metadata.Version} from {storeDescription}", metadata, DateTimeOffset.UtcNow);
    }

    /// <summary>Records that a version was refused; the slot keeps serving what it served.</summary>
    public void Refuse(string name, string reason)
    {
        if (_served.TryGetValue(name, out var info))
        {
            _served[name] = info with { LastRefusal = reason };
        }
    }

    /// <summary>The silo's skill extraction pool, which the skills slot installs into (set by the container); null: skills models are refused.</summary>
    public SkillExtractionPool? Skills
    {
        get => _skills;
        set
        {
            _skills = value;
            if (value is not null)
            {
                _served.TryAdd(ModelNames.Skills, new ServedModelInfo(ModelNames.Skills, 0, value.Info.Model, "host", value.Info.Description, null, DateTimeOffset.UtcNow));
            }
        }
    }

    private SkillExtractionPool? _skills;

    /// <summary>The text encoder (dimension of every embedding).</summary>
    public ITextEncoder Encoder { get; }

    /// <summary>The candidate scorer now in use.</summary>
    public ICandidateScorer Scorer
    {
        get => _currentScorer;
        set
        {
            _currentScorer = value ?? throw new ArgumentNullException(nameof(value));
            Interlocked.Increment(ref _generation);
            _served[ModelNames.Recommender] = new ServedModelInfo(ModelNames.Recommender, 0, value.Name, "host", $"{value.Name} (set by the host)", null, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>The title/city featurizer of the recommender now in use, or null when it does not use those inputs.</summary>
    public JobRec.ML.Recommenders.TitleCityFeaturizer? TitleCity => (_currentScorer as FactorizationMachineScorer)?.TitleCity;

    /// <summary>The O*NET classifier now in use, or null when none is loaded.</summary>
    public IOccupationClassifier? Classifier
    {
        get => _currentClassifier;
        set => _currentClassifier = value;
    }

    /// <summary>The QA language model answerer now in use (the host's checkpoint, or the store's active qa model), or null when none is trained: ask then answers extractively.</summary>
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
