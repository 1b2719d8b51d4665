using System.Numerics.Tensors;
using JobRec.Data.Model;
using JobRec.ML.Numerics;
using JobRec.ML.Text;
using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Onet;

/// <summary>Title (+ optional description) to O*NET-SOC codes: nearest occupations over embeddings of occupation titles, descriptions
/// and alternate titles, mixed with a softmax classifier trained on the same embeddings, optionally through a fine-tuned projection head.</summary>
public sealed class OnetClassifier
{
    private const int QueryChunk = 256;
    private readonly ITextEncoder _encoder;
    private readonly ProjectionHead? _head;
    private readonly IReadOnlyList<Occupation> _occupations;
    private readonly float[] _titleVectors;      // entries x d: occupation titles and alternate titles
    private readonly int[] _titleOccupation;      // entry -> occupation index
    private readonly float[] _descriptionVectors; // occupations x d
    private readonly LexicalSemanticClassifier? _classifier;
    private readonly OnetClassifierOptions _options;
    private readonly TfIdfIndex _lexical;
    private readonly IReadOnlyList<string> _titles;

    private OnetClassifier(ITextEncoder encoder, ProjectionHead? head, IReadOnlyList<Occupation> occupations, float[] titleVectors,
        int[] titleOccupation, float[] descriptionVectors, LexicalSemanticClassifier? classifier, OnetClassifierOptions options, IReadOnlyList<string> titles, TfIdfIndex? lexical = null)
    {
        (_encoder, _head, _occupations, _titleVectors, _titleOccupation, _descriptionVectors, _classifier, _options) =
            (encoder, head, occupations, titleVectors, titleOccupation, descriptionVectors, classifier, options);
        _titles = titles;
        _lexical = lexical ?? new TfIdfIndex(titles);
    }

    /// <summary>The same trained model with other mixing weights (for tuning on development data without retraining).</summary>
    public OnetClassifier WithWeights(float descriptionWeight, float lexicalWeight, float classifierWeight) =>
        new(_encoder, _head, _occupations, _titleVectors, _titleOccupation, _descriptionVectors, _classifier,
            _options with { DescriptionWeight = descriptionWeight, LexicalWeight = lexicalWeight, ClassifierWeight = classifierWeight }, _titles, _lexical);

    /// <summary>The fine-tuned head, when one was trained.</summary>
    public ProjectionHead? Head => _head;

    /// <summary>Number of indexed title entries (occupation titles plus training alternate titles).</summary>
    public int TitleEntries => _titleOccupation.Length;

    /// <summary>Builds the classifier from occupations and labelled training titles (titles with an unknown code are skipped).</summary>
    /// <exception cref="ArgumentException">No occupations were given.</exception>
    public static OnetClassifier Train(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> trainingTitles, ITextEncoder encoder,
        OnetClassifierOptions? options = null, Action<string>? progress = null)
    {
        options ??= new OnetClassifierOptions();
        if (occupations.Count == 0) throw new ArgumentException("no occupations to classify into", nameof(occupations));
        int d = encoder.Dimension;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < occupations.Count; i++) index.TryAdd(occupations[i].Code, i);
        var titles = new List<string>();
        var owner = new List<int>();
        for (int i = 0; i < occupations.Count; i++) { titles.Add(occupations[i].Title); owner.Add(i); }
        int skipped = 0;
        foreach (var t in trainingTitles)
        {
            if (index.TryGetValue(t.Code, out var o)) { titles.Add(t.Title); owner.Add(o); }
            else skipped++;
        }
        progress?.Invoke($"encoding {titles.Count} titles and {occupations.Count} descriptions ({skipped} training titles with unknown codes skipped)");
        var rawTitles = encoder.Encode(titles);
        var rawDescriptions = encoder.Encode(occupations.Select(o => $"{o.Title}. {o.Description}").ToArray());

        ProjectionHead? head = null;
        if (options.FineTuneHead)
        {
            // Pairs: each alternate title -> its occupation's title + description; group = occupation (no same-occupation negatives).
            int pairs = titles.Count - occupations.Count;
            var anchors = rawTitles.AsSpan(occupations.Count * d).ToArray();
            var positives = new float[pairs * d];
            var groups = new int[pairs];
            for (int p = 0; p < pairs; p++)
            {
                groups[p] = owner[occupations.Count + p];
                rawDescriptions.AsSpan(groups[p] * d, d).CopyTo(positives.AsSpan(p * d, d));
            }
            head = ContrastiveTrainer.Train(anchors, positives, d, groups, options.Contrastive,
                (epoch, loss) => progress?.Invoke($"head epoch {epoch}: InfoNCE loss {loss:F4}"));
        }
        var titleVectors = head?.Apply(rawTitles) ?? rawTitles;
        var descriptionVectors = head?.Apply(rawDescriptions) ?? rawDescriptions;

        LexicalSemanticClassifier? classifier = null;
        if (options.ClassifierWeight > 0)
        {
            classifier = LexicalSemanticClassifier.Train(titles, titleVectors, owner.ToArray(), d, occupations.Count,
                epochs: options.ClassifierEpochs, learningRate: options.ClassifierLearningRate,
                progress: (epoch, loss) => progress?.Invoke($"classifier epoch {epoch}: cross-entropy {loss:F4}"));
        }
        return new OnetClassifier(encoder, head, occupations, titleVectors, owner.ToArray(), descriptionVectors, classifier, options, titles);
    }

    /// <summary>The k best occupations for each title (with the description at the same index mixed in when given and non-empty).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    /// <exception cref="ArgumentException">descriptions has another count than titles.</exception>
    public IReadOnlyList<IReadOnlyList<OccupationPrediction>> Classify(IReadOnlyList<string> titles, int k, IReadOnlyList<string>? descriptions = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (descriptions is not null && descriptions.Count != titles.Count)
            throw new ArgumentException($"{descriptions.Count} descriptions for {titles.Count} titles", nameof(descriptions));
        int d = _encoder.Dimension, occupations = _occupations.Count, entries = _titleOccupation.Length;
        var results = new List<IReadOnlyList<OccupationPrediction>>(titles.Count);
        var sims = new float[QueryChunk * entries];
        var descSims = new float[QueryChunk * occupations];
        var best = new float[occupations];
        for (int start = 0; start < titles.Count; start += QueryChunk)
        {
            int m = Math.Min(QueryChunk, titles.Count - start);
            var q = QueryVectors(titles, descriptions, start, m);
            CpuComputeBackend.Instance.MatMul(false, true, m, entries, d, 1f, q, _titleVectors, 0f, sims);
            CpuComputeBackend.Instance.MatMul(false, true, m, occupations, d, 1f, q, _descriptionVectors, 0f, descSims);
            var probabilities = _classifier?.PredictProbabilities(titles.Skip(start).Take(m).ToArray(), q);
            for (int i = 0; i < m; i++)
            {
                Array.Fill(best, -1f);
                var row = sims.AsSpan(i * entries, entries);
                for (int e = 0; e < entries; e++)
                    if (row[e] > best[_titleOccupation[e]]) best[_titleOccupation[e]] = row[e];
                var scored = new (int Occupation, float Score)[occupations];
                for (int o = 0; o < occupations; o++)
                {
                    float score = best[o] + _options.DescriptionWeight * descSims[i * occupations + o];
                    if (probabilities is not null && _options.ClassifierWeight > 0) score += _options.ClassifierWeight * probabilities[i * occupations + o];
                    scored[o] = (o, score);
                }
                if (_options.LexicalWeight > 0)
                {
                    Array.Fill(best, 0f);
                    foreach (var (entry, cosine) in _lexical.Search(titles[start + i], 64))
                        best[_titleOccupation[entry]] = Math.Max(best[_titleOccupation[entry]], cosine);
                    for (int o = 0; o < occupations; o++) scored[o].Score += _options.LexicalWeight * best[o];
                }
                results.Add(scored.OrderByDescending(s => s.Score).Take(k)
                    .Select(s => new OccupationPrediction(_occupations[s.Occupation].Code, _occupations[s.Occupation].Title, s.Score)).ToList());
            }
        }
        return results;
    }

    private float[] QueryVectors(IReadOnlyList<string> titles, IReadOnlyList<string>? descriptions, int start, int m)
    {
        int d = _encoder.Dimension;
        var slice = titles.Skip(start).Take(m).ToArray();
        var q = _encoder.Encode(slice);
        if (descriptions is not null)
        {
            var descs = descriptions.Skip(start).Take(m).ToArray();
            var withText = Enumerable.Range(0, m).Where(i => !string.IsNullOrWhiteSpace(descs[i])).ToArray();
            if (withText.Length > 0)
            {
                var dv = _encoder.Encode(withText.Select(i => descs[i]).ToArray());
                for (int j = 0; j < withText.Length; j++)
                {
                    var row = q.AsSpan(withText[j] * d, d);
                    TensorPrimitives.MultiplyAdd(dv.AsSpan(j * d, d), 0.5f, row, row);
                }
                MatrixRows.L2Normalize(q, d);
            }
        }
        return _head?.Apply(q) ?? q;
    }
}
