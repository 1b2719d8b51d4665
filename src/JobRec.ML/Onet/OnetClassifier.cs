using System.Numerics.Tensors;
using JobRec.Data.Model;
using JobRec.ML.Numerics;
using JobRec.ML.Text;
using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Onet;

/// <summary>Title (+ optional description) to O*NET-SOC codes: a weighted sum of four kinds of evidence per occupation, namely the nearest
/// occupation and alternate titles over sentence embeddings, the occupation description over sentence embeddings, the nearest titles over
/// word and character n-gram TF-IDF, and a learned softmax classifier over n-gram embeddings joined with the sentence embedding.</summary>
public sealed class OnetClassifier
{
    private const int QueryChunk = 256;
    private readonly ITextEncoder _encoder;
    private readonly ProjectionHead? _head;
    private readonly IReadOnlyList<Occupation> _occupations;
    private readonly float[] _titleVectors;      // entries x d: occupation titles and alternate titles
    private readonly int[] _titleOccupation;      // entry -> occupation index
    private readonly float[] _descriptionVectors; // occupations x d
    private readonly SubwordTitleClassifier? _classifier;
    private readonly NgramTitleIndex _lexical;
    private readonly OnetClassifierOptions _options;

    private OnetClassifier(ITextEncoder encoder, ProjectionHead? head, IReadOnlyList<Occupation> occupations, float[] titleVectors,
        int[] titleOccupation, float[] descriptionVectors, SubwordTitleClassifier? classifier, NgramTitleIndex lexical, OnetClassifierOptions options)
    {
        (_encoder, _head, _occupations, _titleVectors, _titleOccupation, _descriptionVectors, _classifier, _lexical, _options) =
            (encoder, head, occupations, titleVectors, titleOccupation, descriptionVectors, classifier, lexical, options);
    }

    /// <summary>The same trained model with other mixing weights (for tuning on development data without retraining).</summary>
    public OnetClassifier WithWeights(float descriptionWeight, float lexicalWeight, float classifierWeight) =>
        WithWeights(_options.Weights with { Description = descriptionWeight, Lexical = lexicalWeight, Classifier = classifierWeight });

    /// <summary>The same trained model with other mixing weights (a classifier weight above 0 has effect only when one was trained).</summary>
    public OnetClassifier WithWeights(OnetFusionWeights weights) =>
        new(_encoder, _head, _occupations, _titleVectors, _titleOccupation, _descriptionVectors, _classifier, _lexical, _options.With(weights));

    /// <summary>The mixing weights in use.</summary>
    public OnetFusionWeights Weights => _options.Weights;

    /// <summary>The fine-tuned head, when one was trained.</summary>
    public ProjectionHead? Head => _head;

    /// <summary>Number of indexed title entries (occupation titles plus training alternate titles).</summary>
    public int TitleEntries => _titleOccupation.Length;

    /// <summary>The occupations, in the order of the evidence columns.</summary>
    public IReadOnlyList<Occupation> Occupations => _occupations;

    /// <summary>Builds the classifier from occupations and labelled training titles (titles with an unknown code are skipped); the classifier is trained
    /// when <see cref="OnetClassifierOptions.ClassifierWeight"/> is above 0.</summary>
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

        SubwordTitleClassifier? classifier = null;
        if (options.ClassifierWeight > 0)
        {
            var settings = new SubwordClassifierOptions(Hidden: options.ClassifierHidden, Epochs: options.ClassifierEpochs, LearningRate: options.ClassifierLearningRate);
            var (groupsOfClass, groups) = options.ClassifierSocGroups ? SocHierarchy.Groups(occupations.Select(o => o.Code).ToArray()) : (null, 0);
            classifier = SubwordTitleClassifier.Train(titles, titleVectors, d, owner, occupations.Count, settings,
                (epoch, loss) => progress?.Invoke($"classifier epoch {epoch}: cross-entropy {loss:F4}"), groupsOfClass, groups);
        }
        var lexical = new NgramTitleIndex(titles, owner, occupations.Count);
        return new OnetClassifier(encoder, head, occupations, titleVectors, owner.ToArray(), descriptionVectors, classifier, lexical, options);
    }

    /// <summary>The k best occupations for each title (with the description at the same index mixed in when given and non-empty).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    /// <exception cref="ArgumentException">descriptions has another count than titles.</exception>
    public IReadOnlyList<IReadOnlyList<OccupationPrediction>> Classify(IReadOnlyList<string> titles, int k, IReadOnlyList<string>? descriptions = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        CheckDescriptions(titles, descriptions);
        var weights = _options.Weights;
        int occupations = _occupations.Count;
        var results = new List<IReadOnlyList<OccupationPrediction>>(titles.Count);
        var scores = new float[occupations];
        var order = new int[occupations];
        for (int start = 0; start < titles.Count; start += QueryChunk)
        {
            int m = Math.Min(QueryChunk, titles.Count - start);
            var evidence = Evidence(titles, descriptions, start, m);
            for (int i = 0; i < m; i++)
            {
                evidence.Fuse(i, weights, scores);
                results.Add(TopK(scores, order, k));
            }
        }
        return results;
    }

    /// <summary>The unweighted evidence for each title (with descriptions as in <see cref="Classify"/>), for tuning the mixing weights.</summary>
    /// <exception cref="ArgumentException">descriptions has another count than titles.</exception>
    public OnetEvidence Evidence(IReadOnlyList<string> titles, IReadOnlyList<string>? descriptions = null)
    {
        CheckDescriptions(titles, descriptions);
        int c = _occupations.Count, n = titles.Count;
        var all = new OnetEvidence(n, c, new float[n * c], new float[n * c], new float[n * c], new float[n * c]);
        for (int start = 0; start < n; start += QueryChunk)
        {
            int m = Math.Min(QueryChunk, n - start);
            var block = Evidence(titles, descriptions, start, m);
            block.Semantic.CopyTo(all.Semantic, start * c);
            block.Description.CopyTo(all.Description, start * c);
            block.Lexical.CopyTo(all.Lexical, start * c);
            block.Classifier.CopyTo(all.Classifier, start * c);
        }
        return all;
    }

    /// <summary>The indices of the k highest scores, best first (ties by lower index), as predictions.</summary>
    private List<OccupationPrediction> TopK(float[] scores, int[] order, int k)
    {
        for (int o = 0; o < order.Length; o++) order[o] = o;
        var top = order.OrderByDescending(o => scores[o]).ThenBy(o => o).Take(k);
        return top.Select(o => new OccupationPrediction(_occupations[o].Code, _occupations[o].Title, scores[o])).ToList();
    }

    private OnetEvidence Evidence(IReadOnlyList<string> titles, IReadOnlyList<string>? descriptions, int start, int m)
    {
        int d = _encoder.Dimension, c = _occupations.Count, entries = _titleOccupation.Length;
        var slice = titles.Skip(start).Take(m).ToArray();
        var q = QueryVectors(slice, descriptions?.Skip(start).Take(m).ToArray());
        var sims = new float[m * entries];
        CpuComputeBackend.Instance.MatMul(false, true, m, entries, d, 1f, q, _titleVectors, 0f, sims);
        var semantic = new float[m * c];
        Array.Fill(semantic, -1f);
        for (int i = 0; i < m; i++)
        {
            var row = sims.AsSpan(i * entries, entries);
            var best = semantic.AsSpan(i * c, c);
            for (int e = 0; e < entries; e++)
                if (row[e] > best[_titleOccupation[e]]) best[_titleOccupation[e]] = row[e];
        }
        var description = new float[m * c];
        CpuComputeBackend.Instance.MatMul(false, true, m, c, d, 1f, q, _descriptionVectors, 0f, description);
        var lexical = new float[m * c];
        _lexical.ScoreClasses(slice, lexical);
        var classifier = _classifier?.PredictProbabilities(slice, q) ?? new float[m * c];
        return new OnetEvidence(m, c, semantic, description, lexical, classifier);
    }

    private float[] QueryVectors(string[] titles, string[]? descriptions)
    {
        int d = _encoder.Dimension, m = titles.Length;
        var q = _encoder.Encode(titles);
        if (descriptions is not null)
        {
            var withText = Enumerable.Range(0, m).Where(i => !string.IsNullOrWhiteSpace(descriptions[i])).ToArray();
            if (withText.Length > 0)
            {
                var dv = _encoder.Encode(withText.Select(i => descriptions[i]).ToArray());
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

    private static void CheckDescriptions(IReadOnlyList<string> titles, IReadOnlyList<string>? descriptions)
    {
        if (descriptions is not null && descriptions.Count != titles.Count)
            throw new ArgumentException($"{descriptions.Count} descriptions for {titles.Count} titles", nameof(descriptions));
    }
}
