using System.Numerics.Tensors;
using JobRec.Data.Model;
using JobRec.ML.Numerics;
using JobRec.ML.Text;
using JobRec.ML.Text.FineTuning;
using JobRec.ML.Text.UseLite;

namespace JobRec.ML.Onet;

/// <summary>Title (+ optional description) to O*NET-SOC codes: a weighted sum of five kinds of evidence per occupation, namely the nearest
/// occupation and alternate titles over sentence embeddings, the occupation description over sentence embeddings, the nearest titles over
/// word and character n-gram TF-IDF, a learned softmax classifier over n-gram embeddings joined with the sentence embedding, and the
/// similarity-weighted vote of the nearest titles over sentence embeddings (<see cref="VoteSettings"/>).</summary>
public sealed partial class OnetClassifier
{
    private const int QueryChunk = 256;
    private readonly ITextEncoder _encoder;
    private readonly ProjectionHead? _head;
    private readonly IReadOnlyList<Occupation> _occupations;
    private readonly float[] _titleVectors;      // entries x d: occupation titles and alternate titles
    private readonly int[] _titleOccupation;      // entry -> occupation index
    private readonly float[] _descriptionVectors; // occupations x d
    private readonly SubwordTitleClassifier[] _classifier; // seeds of the learned classifier (empty when off)
    private readonly EncoderTitleClassifier? _tuned;        // the fine-tuned encoder classifier, averaged with the learned classifier
    private readonly NgramTitleIndex _lexical;
    private readonly OnetClassifierOptions _options;
    private readonly OccupationProfiles _profiles;
    private readonly OnetReranker? _reranker;
    private readonly string[] _titleTexts;        // entry -> its text (occupation titles first), what the profiles were built from

    private OnetClassifier(ITextEncoder encoder, ProjectionHead? head, IReadOnlyList<Occupation> occupations, string[] titleTexts, float[] titleVectors,
        int[] titleOccupation, float[] descriptionVectors, SubwordTitleClassifier[] classifier, NgramTitleIndex lexical, OnetClassifierOptions options,
        OccupationProfiles profiles, OnetReranker? reranker, EncoderTitleClassifier? tuned)
    {
        (_encoder, _head, _occupations, _titleTexts, _titleVectors, _titleOccupation, _descriptionVectors, _classifier, _lexical, _options, _profiles, _reranker, _tuned) =
            (encoder, head, occupations, titleTexts, titleVectors, titleOccupation, descriptionVectors, classifier, lexical, options, profiles, reranker, tuned);
    }

    /// <summary>The same trained model with other mixing weights (for tuning on development data without retraining).</summary>
    public OnetClassifier WithWeights(float descriptionWeight, float lexicalWeight, float classifierWeight) =>
        WithWeights(_options.Weights with { Description = descriptionWeight, Lexical = lexicalWeight, Classifier = classifierWeight });

    /// <summary>The same trained model with other mixing weights (a classifier weight above 0 has effect only when one was trained).</summary>
    public OnetClassifier WithWeights(OnetFusionWeights weights) =>
        new(_encoder, _head, _occupations, _titleTexts, _titleVectors, _titleOccupation, _descriptionVectors, _classifier, _lexical, _options.With(weights), _profiles, _reranker, _tuned);

    /// <summary>The same trained model whose vote evidence uses <paramref name="vote"/> (a reranker trained under other settings should be replaced).</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public OnetClassifier WithVote(VoteSettings vote) =>
        new(_encoder, _head, _occupations, _titleTexts, _titleVectors, _titleOccupation, _descriptionVectors, _classifier, _lexical,
            _options with { Vote = vote.Validated() }, _profiles, _reranker, _tuned);

    /// <summary>The vote settings in use.</summary>
    public VoteSettings Vote => _options.VoteOrDefault;

    /// <summary>The similarity-weighted vote evidence of the titles under each of <paramref name="settings"/> (one titles x occupations array per
    /// setting, in order), from one pass over the title vectors: for choosing the vote's settings on development titles.</summary>
    /// <exception cref="ArgumentException">No settings, or one out of range.</exception>
    public IReadOnlyList<float[]> VoteEvidence(IReadOnlyList<string> titles, IReadOnlyList<VoteSettings> settings)
    {
        if (settings.Count == 0) throw new ArgumentException("no vote settings to score", nameof(settings));
        foreach (var v in settings) v.Validated();
        int c = _occupations.Count, n = titles.Count, entries = _titleOccupation.Length, d = _encoder.Dimension;
        int most = settings.Max(v => v.Neighbours);
        var result = settings.Select(_ => new float[n * c]).ToArray();
        for (int start = 0; start < n; start += QueryChunk)
        {
            int m = Math.Min(QueryChunk, n - start);
            var q = QueryVectors(titles.Skip(start).Take(m).ToArray(), null);
            var sims = new float[m * entries];
            CpuComputeBackend.Instance.MatMul(false, true, m, entries, d, 1f, q, _titleVectors, 0f, sims);
            for (int i = 0; i < m; i++)
            {
                var (nearest, scores) = NeighbourVotes.Nearest(sims.AsSpan(i * entries, entries), most);
                for (int s = 0; s < settings.Count; s++)
                    NeighbourVotes.Weighted(nearest, scores, _titleOccupation, result[s].AsSpan((start + i) * c, c), settings[s]);
            }
        }
        return result;
    }

    /// <summary>The same trained model whose top fused candidates (<see cref="RerankerOptions.Candidates"/> of the options) are re-ordered by
    /// <paramref name="reranker"/> (null: plain fused order). The reranker must have been trained on lists from <see cref="RerankLists"/> under the same weights.</summary>
    /// <exception cref="ArgumentException">The reranker reads another number of features than <see cref="RerankFeatures.Count"/>.</exception>
    public OnetClassifier WithReranker(OnetReranker? reranker)
    {
        if (reranker is not null && reranker.Features != RerankFeatures.Count)
            throw new ArgumentException($"the reranker reads {reranker.Features} features, the candidates have {RerankFeatures.Count}", nameof(reranker));
        return new(_encoder, _head, _occupations, _titleTexts, _titleVectors, _titleOccupation, _descriptionVectors, _classifier, _lexical, _options, _profiles, reranker, _tuned);
    }

    /// <summary>The reranker in use, if any.</summary>
    public OnetReranker? Reranker => _reranker;

    /// <summary>Per-occupation statistics of the training titles the re-ranking features read.</summary>
    public OccupationProfiles Profiles => _profiles;

    /// <summary>The mixing weights in use.</summary>
    public OnetFusionWeights Weights => _options.Weights;

    /// <summary>The fine-tuned head, when one was trained.</summary>
    public ProjectionHead? Head => _head;

    /// <summary>Number of indexed title entries (occupation titles plus training alternate titles).</summary>
    public int TitleEntries => _titleOccupation.Length;

    /// <summary>The occupations, in the order of the evidence columns.</summary>
    public IReadOnlyList<Occupation> Occupations => _occupations;

    /// <summary>Builds the classifier from occupations and labelled training titles (titles with an unknown code are skipped); the classifier is trained
    /// when <see cref="OnetClassifierOptions.ClassifierWeight"/> is above 0. With <see cref="OnetClassifierOptions.AugmentTitles"/> the titles derived by
    /// <see cref="TitleAugmentation"/> join the training titles, except any equal to one of <paramref name="heldOutTitles"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No occupations were given.</exception>
    public static OnetClassifier Train(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> trainingTitles, ITextEncoder encoder,
        OnetClassifierOptions? options = null, Action<string>? progress = null, IEnumerable<string>? heldOutTitles = null)
    {
        options ??= new OnetClassifierOptions();
        if (occupations.Count == 0) throw new ArgumentException("no occupations to classify into", nameof(occupations));
        if (options.AugmentTitles)
        {
            var banned = new HashSet<string>(heldOutTitles ?? [], StringComparer.OrdinalIgnoreCase);
            var derived = TitleAugmentation.Derive(occupations, trainingTitles, banned);
            progress?.Invoke($"{derived.Count} derived training titles");
            trainingTitles = trainingTitles.Concat(derived).ToList();
        }
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
            var (anchors, positives, groups) = HeadPairs(rawTitles, rawDescriptions, owner, occupations.Count, d, options.HeadTitlePairs);
            head = ContrastiveTrainer.Train(anchors, positives, d, groups, options.Contrastive,
                (epoch, loss) => progress?.Invoke($"head epoch {epoch}: InfoNCE loss {loss:F4}"));
        }
        var titleVectors = head?.Apply(rawTitles) ?? rawTitles;
        var descriptionVectors = head?.Apply(rawDescriptions) ?? rawDescriptions;

        var classifier = new List<SubwordTitleClassifier>();
        if (options.ClassifierWeight > 0)
        {
            var (groupsOfClass, groups) = options.ClassifierSocGroups ? SocHierarchy.Groups(occupations.Select(o => o.Code).ToArray()) : (null, 0);
            for (int seed = 0; seed < Math.Max(1, options.ClassifierSeeds); seed++)
            {
                var settings = new SubwordClassifierOptions(Hidden: options.ClassifierHidden, Epochs: options.ClassifierEpochs,
                    LearningRate: options.ClassifierLearningRate, Seed: new SubwordClassifierOptions().Seed + seed);
                classifier.Add(SubwordTitleClassifier.Train(titles, titleVectors, d, owner, occupations.Count, settings,
                    (epoch, loss) => progress?.Invoke($"classifier {seed + 1} epoch {epoch}: cross-entropy {loss:F4}"), groupsOfClass, groups));
            }
        }
        EncoderTitleClassifier? tuned = null;
        if (options.EncoderClassifier is { } tuning && options.ClassifierWeight > 0)
        {
            var useLite = UseLiteOf(encoder) ?? throw new ArgumentException(
                $"the fine-tuned encoder classifier needs the USE-Lite encoder, got {encoder.GetType().Name}; turn it off (EncoderClassifier = null) for other encoders", nameof(encoder));
            tuned = EncoderTitleClassifier.Train(useLite, titles, owner, occupations.Count, tuning,
                (epoch, loss) => progress?.Invoke($"fine-tuned encoder classifier epoch {epoch}: cross-entropy {loss:F4}"));
        }
        var lexical = new NgramTitleIndex(titles, owner, occupations.Count);
        var profiles = new OccupationProfiles(occupations.Select(o => o.Code).ToArray(), titles, owner);
        return new OnetClassifier(encoder, head, occupations, titles.ToArray(), titleVectors, owner.ToArray(), descriptionVectors, classifier.ToArray(), lexical, options,
            profiles, null, tuned);
    }

    /// <summary>Pairs of the head's contrastive training, grouped by occupation (no same-occupation negatives): each alternate title (entries after the
    /// first <paramref name="occupations"/>) with its occupation's title + description and, with <paramref name="titlePairs"/>, also with another title
    /// entry of its occupation (the occupation title included), drawn with a fixed seed.</summary>
    internal static (float[] Anchors, float[] Positives, int[] Groups) HeadPairs(float[] rawTitles, float[] rawDescriptions, IReadOnlyList<int> owner,
        int occupations, int d, bool titlePairs)
    {
        int alternates = owner.Count - occupations;
        int pairs = titlePairs ? 2 * alternates : alternates;
        var anchors = new float[pairs * d];
        var positives = new float[pairs * d];
        var groups = new int[pairs];
        var entriesOf = new List<int>[occupations];
        for (int o = 0; o < occupations; o++) entriesOf[o] = [];
        for (int e = 0; e < owner.Count; e++) entriesOf[owner[e]].Add(e);
        var random = new Random(11);
        for (int p = 0; p < alternates; p++)
        {
            int entry = occupations + p, o = owner[entry];
            groups[p] = o;
            rawTitles.AsSpan(entry * d, d).CopyTo(anchors.AsSpan(p * d, d));
            rawDescriptions.AsSpan(o * d, d).CopyTo(positives.AsSpan(p * d, d));
            if (!titlePairs) continue;
            var same = entriesOf[o];
            int other = same[random.Next(same.Count - 1)];
            if (other == entry) other = same[^1];
            int q = alternates + p;
            groups[q] = o;
            rawTitles.AsSpan(entry * d, d).CopyTo(anchors.AsSpan(q * d, d));
            rawTitles.AsSpan(other * d, d).CopyTo(positives.AsSpan(q * d, d));
        }
        return (anchors, positives, groups);
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
            var evidence = Evidence(titles, descriptions, start, m, votes: _reranker is not null);
            for (int i = 0; i < m; i++)
            {
                evidence.Fuse(i, weights, scores);
                results.Add(_reranker is null ? TopK(scores, order, k) : Reranked(evidence, i, scores, titles[start + i], order, k));
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
        var all = new OnetEvidence(n, c, new float[n * c], new float[n * c], new float[n * c], new float[n * c], Tuned: _tuned is null ? null : new float[n * c],
            Vote: new float[n * c]);
        for (int start = 0; start < n; start += QueryChunk)
        {
            int m = Math.Min(QueryChunk, n - start);
            var block = Evidence(titles, descriptions, start, m, votes: false);
            block.Semantic.CopyTo(all.Semantic, start * c);
            block.Description.CopyTo(all.Description, start * c);
            block.Lexical.CopyTo(all.Lexical, start * c);
            block.Classifier.CopyTo(all.Classifier, start * c);
            block.Tuned?.CopyTo(all.Tuned!, start * c);
            block.Vote!.CopyTo(all.Vote!, start * c);
        }
        return all;
    }

    /// <summary>Candidate lists of the titles for training or scoring a reranker: the top <see cref="RerankerOptions.Candidates"/> occupations by the
    /// current weights, with their <see cref="RerankFeatures"/>; <paramref name="relevantCodes"/> (optional, one per title) marks the right candidate.</summary>
    /// <exception cref="ArgumentException">relevantCodes has another count than titles.</exception>
    public IReadOnlyList<RerankList> RerankLists(IReadOnlyList<string> titles, IReadOnlyList<string>? relevantCodes = null)
    {
        if (relevantCodes is not null && relevantCodes.Count != titles.Count)
            throw new ArgumentException($"{relevantCodes.Count} codes for {titles.Count} titles", nameof(relevantCodes));
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int o = 0; o < _occupations.Count; o++) column.TryAdd(_occupations[o].Code, o);
        var lists = new List<RerankList>(titles.Count);
        var scores = new float[_occupations.Count];
        for (int start = 0; start < titles.Count; start += QueryChunk)
        {
            int m = Math.Min(QueryChunk, titles.Count - start);
            var evidence = Evidence(titles, null, start, m, votes: true);
            for (int i = 0; i < m; i++)
            {
                evidence.Fuse(i, _options.Weights, scores);
                int relevant = relevantCodes is not null && column.TryGetValue(relevantCodes[start + i], out var r) ? r : -1;
                lists.Add(RerankFeatures.Build(evidence, i, scores, titles[start + i], _profiles, _options.RerankCandidates, relevant));
            }
        }
        return lists;
    }

    /// <summary>The reranker's order of the top fused candidates, then the rest in fused order, as k predictions.</summary>
    private List<OccupationPrediction> Reranked(OnetEvidence evidence, int query, float[] scores, string title, int[] order, int k)
    {
        var list = RerankFeatures.Build(evidence, query, scores, title, _profiles, Math.Max(k, _options.RerankCandidates));
        var (candidates, reranked) = _reranker!.Rerank(list);
        var result = candidates.Zip(reranked).Take(k).Select(p => new OccupationPrediction(_occupations[p.First].Code, _occupations[p.First].Title, p.Second)).ToList();
        return result;
    }

    /// <summary>The indices of the k highest scores, best first (ties by lower index), as predictions.</summary>
    private List<OccupationPrediction> TopK(float[] scores, int[] order, int k)
    {
        for (int o = 0; o < order.Length; o++) order[o] = o;
        var top = order.OrderByDescending(o => scores[o]).ThenBy(o => o).Take(k);
        return top.Select(o => new OccupationPrediction(_occupations[o].Code, _occupations[o].Title, scores[o])).ToList();
    }

    /// <summary>Evidence for titles start..start+m; the nearest titles' votes only with <paramref name="votes"/> (only the reranker reads them).</summary>
    private OnetEvidence Evidence(IReadOnlyList<string> titles, IReadOnlyList<string>? descriptions, int start, int m, bool votes)
    {
        int d = _encoder.Dimension, c = _occupations.Count, entries = _titleOccupation.Length;
        var slice = titles.Skip(start).Take(m).ToArray();
        var q = QueryVectors(slice, descriptions?.Skip(start).Take(m).ToArray());
        var sims = new float[m * entries];
        CpuComputeBackend.Instance.MatMul(false, true, m, entries, d, 1f, q, _titleVectors, 0f, sims);
        var semantic = new float[m * c];
        var semanticVotes = votes ? new float[m * c] : null;
        var weightedVotes = new float[m * c];
        var vote = _options.VoteOrDefault;
        Array.Fill(semantic, -1f);
        for (int i = 0; i < m; i++)
        {
            var row = sims.AsSpan(i * entries, entries);
            var best = semantic.AsSpan(i * c, c);
            for (int e = 0; e < entries; e++)
                if (row[e] > best[_titleOccupation[e]]) best[_titleOccupation[e]] = row[e];
            if (semanticVotes is not null) NeighbourVotes.Tally(row, _titleOccupation, semanticVotes.AsSpan(i * c, c));
            NeighbourVotes.Weighted(row, _titleOccupation, weightedVotes.AsSpan(i * c, c), vote);
        }
        var description = new float[m * c];
        CpuComputeBackend.Instance.MatMul(false, true, m, c, d, 1f, q, _descriptionVectors, 0f, description);
        var lexical = new float[m * c];
        var lexicalVotes = votes ? new float[m * c] : null;
        _lexical.ScoreClasses(slice, lexical, lexicalVotes);
        var classifier = new float[m * c];
        foreach (var model in _classifier)
            TensorPrimitives.MultiplyAdd(model.PredictProbabilities(slice, q), 1f / _classifier.Length, classifier, classifier);
        var tuned = _tuned?.PredictProbabilities(slice);
        if (tuned is not null)
        {
            float share = _classifier.Length == 0 ? 1f : _options.EncoderClassifierShare;
            TensorPrimitives.Multiply(classifier, 1f - share, classifier);
            TensorPrimitives.MultiplyAdd(tuned, share, classifier, classifier);
        }
        return new OnetEvidence(m, c, semantic, description, lexical, classifier, semanticVotes, lexicalVotes, tuned, weightedVotes);
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

    /// <summary>The USE-Lite encoder behind <paramref name="encoder"/> (itself, or the one a <see cref="DiskCachedTextEncoder"/> wraps), or null.</summary>
    internal static UseLiteEncoder? UseLiteOf(ITextEncoder encoder) => encoder switch
    {
        UseLiteEncoder useLite => useLite,
        DiskCachedTextEncoder cached => UseLiteOf(cached.Inner),
        _ => null,
    };

    private static void CheckDescriptions(IReadOnlyList<string> titles, IReadOnlyList<string>? descriptions)
    {
        if (descriptions is not null && descriptions.Count != titles.Count)
            throw new ArgumentException($"{descriptions.Count} descriptions for {titles.Count} titles", nameof(descriptions));
    }
}
