using System.Diagnostics;

namespace JobRec.ML.Recommenders;

/// <summary>
/// Hybrid recommender: pools candidates from several source recommenders (content, co-interaction, regional popularity, ...)
/// and re-ranks the pool with a factorization machine; jobs outside the pool rank after it. With source weights the pool
/// is ordered by weighted reciprocal-rank fusion of the FM's order (weight 1) and each weighted source's order
/// (Σ w / (<see cref="FusionK"/> + rank)), so a strong hand-made source and the learned FM can vote together; users without
/// training history are ranked by the FM alone.
/// </summary>
public sealed class HybridRecommender : Recommender
{
    private readonly List<IRecommender> _sources;
    private readonly FactorizationMachineRecommender _ranker;
    private readonly float[] _sourceWeights;

    /// <summary>The rank offset of the reciprocal-rank fusion (the usual 60).</summary>
    public const int FusionK = 60;

    /// <summary>Creates the hybrid from candidate sources and the ranking FM; each is fitted by <see cref="Recommender.Fit"/>.</summary>
    /// <param name="sources">Candidate generators.</param>
    /// <param name="ranker">The factorization machine that orders the pooled candidates.</param>
    /// <param name="candidatesPerSource">How many top jobs each source contributes.</param>
    /// <param name="sourceWeights">Fusion weight of each source's order against the FM's (weight 1); null or all 0: the FM order alone.</param>
    public HybridRecommender(IEnumerable<IRecommender> sources, FactorizationMachineRecommender ranker, int candidatesPerSource = 100, IReadOnlyList<float>? sourceWeights = null)
    {
        _sources = [.. sources];
        if (_sources.Count == 0) throw new ArgumentException("a hybrid needs at least one candidate source", nameof(sources));
        _ranker = ranker ?? throw new ArgumentNullException(nameof(ranker));
        CandidatesPerSource = candidatesPerSource > 0 ? candidatesPerSource : throw new ArgumentOutOfRangeException(nameof(candidatesPerSource));
        _sourceWeights = sourceWeights is null ? new float[_sources.Count] : [.. sourceWeights];
        if (_sourceWeights.Length != _sources.Count)
            throw new ArgumentException($"{_sourceWeights.Length} source weights for {_sources.Count} sources", nameof(sourceWeights));
        if (_sourceWeights.Any(w => !(w >= 0) || !float.IsFinite(w)))
            throw new ArgumentOutOfRangeException(nameof(sourceWeights), $"source weights must be finite and >= 0, got [{string.Join(", ", _sourceWeights)}]");
    }

    /// <summary>Fusion weight of each source (same order as <see cref="Sources"/>); all 0 means the FM order alone.</summary>
    public IReadOnlyList<float> SourceWeights => _sourceWeights;

    /// <inheritdoc />
    public override string Name => "hybrid";

    /// <summary>How many top jobs each source contributes to the pool.</summary>
    public int CandidatesPerSource { get; }

    /// <summary>The candidate sources.</summary>
    public IReadOnlyList<IRecommender> Sources => _sources;

    /// <summary>The ranking factorization machine.</summary>
    public FactorizationMachineRecommender Ranker => _ranker;

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < _sources.Count; i++)
        {
            Report(progress, $"source {_sources[i].Name}", (double)i / (_sources.Count + 1), clock);
            _sources[i].Fit(data, progress);
        }
        Report(progress, $"ranker {_ranker.Name}", (double)_sources.Count / (_sources.Count + 1), clock);
        _ranker.Fit(data, progress);
        Report(progress, "ready", 1, clock);
    }

    /// <summary>The pooled candidates of the user (distinct, in source order), excluding <paramref name="exclude"/>.</summary>
    public int[] Candidates(int user, IReadOnlySet<int>? exclude = null)
    {
        CheckUser(user);
        var pool = new HashSet<int>();
        var ordered = new List<int>();
        foreach (var source in _sources)
            foreach (int j in source.Recommend(user, CandidatesPerSource, exclude))
                if (pool.Add(j)) ordered.Add(j);
        return [.. ordered];
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        _ranker.ScoreAll(user, scores);
        var candidates = Candidates(user);
        // Pooled candidates keep their (fused) order and rank above every other job.
        float floor = float.MaxValue, top = float.MinValue;
        foreach (float s in scores) { floor = Math.Min(floor, s); top = Math.Max(top, s); }
        if (_sourceWeights.All(w => w == 0) || Data.JobsOf(user).IsEmpty)
        {
            float lift = top - floor + 1f;
            foreach (int j in candidates) scores[j] += lift;
            return;
        }
        var fused = PoolScores(user, candidates);
        for (int i = 0; i < candidates.Length; i++) scores[candidates[i]] = top + 1f + 100f * fused[i];
    }

    /// <summary>Scores of the pooled candidates: the FM's, or their weighted reciprocal-rank fusion with the weighted sources.</summary>
    private float[] PoolScores(int user, int[] candidates)
    {
        var scores = new float[candidates.Length];
        _ranker.Score(user, candidates, scores);
        // Sources vote only for users with history: a cold user is ranked by the FM alone (its cold-start training).
        if (_sourceWeights.All(w => w == 0) || Data.JobsOf(user).IsEmpty) return scores;
        var fused = new float[candidates.Length];
        AddReciprocalRanks(scores, 1f, fused);
        var sourceScores = new float[candidates.Length];
        for (int s = 0; s < _sources.Count; s++)
        {
            if (_sourceWeights[s] == 0) continue;
            _sources[s].Score(user, candidates, sourceScores);
            AddReciprocalRanks(sourceScores, _sourceWeights[s], fused);
        }
        return fused;
    }

    // fused[i] += weight / (FusionK + rank of scores[i]), rank 1 = highest score (ties by position: deterministic).
    private static void AddReciprocalRanks(float[] scores, float weight, float[] fused)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        for (int r = 0; r < order.Length; r++) fused[order[r]] += weight / (FusionK + r + 1);
    }

    /// <inheritdoc />
    public override int[] Recommend(int user, int k, IReadOnlySet<int>? exclude = null)
    {
        var candidates = Candidates(user, exclude);
        var scores = PoolScores(user, candidates);
        var order = TopKSelector.Select(scores, Math.Min(k, candidates.Length));
        var result = order.Select(i => candidates[i]).ToList();
        if (result.Count < k)
        {
            var skip = new HashSet<int>(result);
            if (exclude is not null) skip.UnionWith(exclude);
            result.AddRange(_ranker.Recommend(user, k - result.Count, skip));
        }
        return [.. result];
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        writer.Write(CandidatesPerSource);
        writer.Write(_sources.Count);
        for (int s = 0; s < _sources.Count; s++)
        {
            writer.Write(_sources[s].Name);
            writer.Write(_sourceWeights[s]);
            _sources[s].Save(writer);
        }
        _ranker.Save(writer);
    }

    internal static HybridRecommender Load(BinaryReader reader, RecommenderDataset data, IJobVectorSearch? search)
    {
        int perSource = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (count is <= 0 or > 64) throw new InvalidDataException($"hybrid model file names {count} sources at byte {reader.BaseStream.Position - 4}");
        var sources = new List<IRecommender>();
        var weights = new List<float>();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            weights.Add(reader.ReadSingle());
            Recommender source = name switch
            {
                "random" => RandomRecommender.Load(reader),
                "popularity" => PopularityRecommender.Load(reader),
                "popularity-region" => RegionalPopularityRecommender.Load(reader),
                "title-region" or "city-title" => TitleRegionRecommender.Load(reader),
                "item-knn" => ItemKnnRecommender.Load(reader),
                "user-knn" => UserKnnRecommender.Load(reader),
                "bpr-mf" => BprMatrixFactorization.Load(reader),
                "content" => ContentBasedRecommender.Load(reader, search),
                "fm" or "fm-notext" => FactorizationMachineRecommender.Load(reader, data),
                _ => throw new InvalidDataException($"hybrid model file names unknown source model '{name}'"),
            };
            source.Attach(data);
            sources.Add(source);
        }
        var ranker = FactorizationMachineRecommender.Load(reader, data);
        ranker.Attach(data);
        return new HybridRecommender(sources, ranker, perSource, weights);
    }
}
