using JobRec.Data.Model;
using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>Chooses <see cref="OnetClassifier"/> mixing weights on a development split carved out of the training titles only
/// (salted hash split; every development title removed from the rest), by grid search on MRR@10 of the development titles; the vote evidence's
/// neighbours and temperature are chosen first, by the vote's own MRR@10 there.</summary>
public static class OnetFusionTuning
{
    /// <summary>Salt of the development split (independent of the evaluation split).</summary>
    public const string DevelopmentSalt = "dev:";

    /// <summary>Candidate values of each weight.</summary>
    private static readonly float[] SemanticGrid = [0f, 0.25f, 0.5f, 1f];
    private static readonly float[] DescriptionGrid = [0f, 0.1f, 0.2f, 0.4f];
    private static readonly float[] LexicalGrid = [0f, 0.25f, 0.5f, 1f, 2f];
    private static readonly float[] ClassifierGrid = [0.5f, 1f, 2f, 4f];
    private static readonly float[] VoteGrid = [0f, 0.25f, 0.5f, 1f, 2f];

    /// <summary>Trains on the training titles less a <paramref name="developmentPercent"/>% development part, then returns the grid weights with the best
    /// development MRR@10, their scores and the development model; the options' own weights are the fallback when nothing beats them. With
    /// <see cref="OnetClassifierOptions.Rerank"/> it then trains an <see cref="OnetReranker"/> on the development titles' candidate lists under those
    /// weights. With <see cref="OnetClassifierOptions.RerankFolds"/> above 0 the reranker also learns from the cross-fitted lists of the other
    /// training titles (<see cref="FoldLists"/>), and the reported development scores are those of a reranker trained on those lists alone; otherwise
    /// they are 2-fold cross-fitted within the development titles (<see cref="CrossFitted"/>). The returned reranker learns from all lists.</summary>
    /// <exception cref="ArgumentException">The development part is empty.</exception>
    /// <remarks><paramref name="heldOutTitles"/> (the test titles) and the development titles are kept out of the derived training titles.</remarks>
    public static OnetTuningResult Tune(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> training,
        ITextEncoder encoder, OnetClassifierOptions options, int developmentPercent = 10, Action<string>? progress = null,
        IEnumerable<string>? heldOutTitles = null)
    {
        var (rest, development) = DevelopmentSplit(occupations, training, developmentPercent);
        if (development.Count == 0) throw new ArgumentException("the development split of the training titles is empty", nameof(training));
        progress?.Invoke($"tuning: {rest.Count} titles train, {development.Count} development titles score");
        var classifier = OnetClassifier.Train(occupations, rest, encoder, options with { ClassifierWeight = Math.Max(options.ClassifierWeight, 1f) }, progress,
            (heldOutTitles ?? []).Concat(development.Select(t => t.Title)));
        var evidence = classifier.Evidence(development.Select(t => t.Title).ToArray());
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int o = 0; o < classifier.Occupations.Count; o++) column.TryAdd(classifier.Occupations[o].Code, o);
        var relevant = development.Select(t => column[t.Code]).ToArray();
        var vote = ChooseVote(classifier, development, relevant, evidence.Occupations, progress);
        classifier = classifier.WithVote(vote.Settings);
        evidence = evidence with { Vote = vote.Evidence };
        options = options with { Vote = vote.Settings };

        foreach (var (name, alone) in new[] { ("semantic", new OnetFusionWeights(1, 0, 0, 0)), ("description", new OnetFusionWeights(0, 1, 0, 0)),
                     ("lexical", new OnetFusionWeights(0, 0, 1, 0)), ("classifier", new OnetFusionWeights(0, 0, 0, 1)), ("vote", new OnetFusionWeights(0, 0, 0, 0, 1)) })
            progress?.Invoke($"tuning: {name} alone on development {Score(evidence, relevant, alone)}");
        var best = options.Weights;
        var bestScores = Score(evidence, relevant, best);
        foreach (var s in SemanticGrid)
            foreach (var d in DescriptionGrid)
                foreach (var l in LexicalGrid)
                    foreach (var c in ClassifierGrid)
                        foreach (var v in VoteGrid)
                        {
                            var weights = new OnetFusionWeights(s, d, l, c, v);
                            var scores = Score(evidence, relevant, weights);
                            if (scores.Mrr10 > bestScores.Mrr10 + 1e-9) (best, bestScores) = (weights, scores);
                        }
        progress?.Invoke($"tuning: best {best} on development {bestScores}");
        var model = classifier.WithWeights(best);
        if (!options.Rerank) return new OnetTuningResult(best, bestScores, model, development, bestScores, Vote: vote.Settings);
        var lists = model.RerankLists(development.Select(t => t.Title).ToArray(), development.Select(t => t.Code).ToArray());
        progress?.Invoke($"reranking: right code among the top {options.RerankCandidates} fused candidates for {lists.Count(l => l.Relevant >= 0)} of {lists.Count}"
            + string.Concat(new[] { 10, 20, 30, 40, 50 }.Where(k => k < options.RerankCandidates).Select(k => $"; top {k}: {lists.Count(l => l.Relevant >= 0 && l.Relevant < k)}")));
        if (options.RerankFolds <= 0)
        {
            var crossFit = CrossFitted(lists, development, options.Reranker, progress);
            progress?.Invoke($"reranking: 2-fold cross-fitted on development {crossFit}");
            var reranker = OnetReranker.Train(lists, RerankFeatures.Count, options.Reranker);
            return new OnetTuningResult(best, crossFit, model.WithReranker(reranker), development, bestScores, reranker, lists, Vote: vote.Settings);
        }
        var folded = FoldLists(occupations, training, rest, encoder, options.With(best), heldOutTitles, progress);
        var outside = OnetReranker.Train(folded, RerankFeatures.Count, options.Reranker);
        var held = Score(outside, lists);
        progress?.Invoke($"reranking: trained on {folded.Count} fold lists, on development {held}");
        var all = OnetReranker.Train(folded.Concat(lists).ToArray(), RerankFeatures.Count, options.Reranker);
        return new OnetTuningResult(best, held, model.WithReranker(all), development, bestScores, all, lists, folded, vote.Settings);
    }

    /// <summary>The <see cref="VoteSettings.Grid"/> setting whose vote alone ranks the development titles best by MRR@10 (ties: the earlier setting),
    /// with its evidence.</summary>
    private static (VoteSettings Settings, float[] Evidence) ChooseVote(OnetClassifier classifier, IReadOnlyList<TitleLabel> development, int[] relevant,
        int occupations, Action<string>? progress)
    {
        var grid = VoteSettings.Grid;
        var votes = classifier.VoteEvidence(development.Select(t => t.Title).ToArray(), grid);
        int n = development.Count, chosen = -1;
        RankingScores? bestScores = null;
        var empty = new float[n * occupations];
        for (int g = 0; g < grid.Count; g++)
        {
            var alone = new OnetEvidence(n, occupations, empty, empty, empty, empty, Vote: votes[g]);
            var scores = Score(alone, relevant, new OnetFusionWeights(0, 0, 0, 0, 1));
            progress?.Invoke($"tuning: {grid[g]} alone on development {scores}");
            if (bestScores is null || scores.Mrr10 > bestScores.Mrr10 + 1e-9) (chosen, bestScores) = (g, scores);
        }
        progress?.Invoke($"tuning: chose {grid[chosen]}");
        return (grid[chosen], votes[chosen]);
    }

    /// <summary>The development split <see cref="Tune"/> scores on: a salted <paramref name="developmentPercent"/>% of the training titles whose code
    /// is one of the occupations, and the others with every development title string removed.</summary>
    public static (IReadOnlyList<TitleLabel> Others, IReadOnlyList<TitleLabel> Development) DevelopmentSplit(IReadOnlyList<Occupation> occupations,
        IReadOnlyList<TitleLabel> training, int developmentPercent = 10)
    {
        var (rest, development) = TitleSplit.Split(training, developmentPercent, DevelopmentSalt);
        var known = occupations.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        return (TitleSplit.ExcludeTitles(rest, development), development.Where(t => known.Contains(t.Code)).ToList());
    }

    /// <summary>Candidate lists of the non-development titles <paramref name="rest"/>, cross-fitted: the titles are cut by title string into
    /// <see cref="OnetClassifierOptions.RerankFolds"/> parts, and each part's lists come from a model trained on all of <paramref name="training"/>
    /// except that part's title strings (which also stay out of the derived titles, as do <paramref name="heldOutTitles"/>).</summary>
    public static IReadOnlyList<RerankList> FoldLists(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> training, IReadOnlyList<TitleLabel> rest,
        ITextEncoder encoder, OnetClassifierOptions options, IEnumerable<string>? heldOutTitles = null, Action<string>? progress = null)
    {
        var known = occupations.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        var banned = (heldOutTitles ?? []).ToArray();
        var result = new List<RerankList>();
        for (int part = 0; part < options.RerankFolds; part++)
        {
            int p = part;
            var scored = rest.Where(t => FoldOf(t.Title, options.RerankFolds) == p && known.Contains(t.Code)).ToArray();
            var fit = TitleSplit.ExcludeTitles(training, scored);
            progress?.Invoke($"reranking: fold {part + 1} of {options.RerankFolds}: {fit.Count} titles train, {scored.Length} titles give lists");
            var model = OnetClassifier.Train(occupations, fit, encoder, options, progress, banned.Concat(scored.Select(t => t.Title)));
            result.AddRange(model.RerankLists(scored.Select(t => t.Title).ToArray(), scored.Select(t => t.Code).ToArray()));
        }
        return result;
    }

    /// <summary>Ranking quality of a reranker's order on candidate lists (a list without its relevant candidate is a miss).</summary>
    public static RankingScores Score(OnetReranker reranker, IEnumerable<RerankList> lists)
    {
        var scores = new RankingScores();
        foreach (var l in lists) scores.AddRank(Rank(reranker, l));
        return scores;
    }

    private static int Rank(OnetReranker reranker, RerankList list)
    {
        if (list.Relevant < 0) return 0;
        var (candidates, _) = reranker.Rerank(list);
        return Array.IndexOf(candidates, list.Candidates[list.Relevant]) + 1;
    }

    /// <summary>Part 0..parts-1 of a title by a stable hash of its lower-cased string (one string, one part).</summary>
    private static int FoldOf(string title, int parts) => (int)(TitleSplit.StableHash("fold:" + title.ToLowerInvariant()) % (uint)parts);

    /// <summary>Scores of a reranker on the development lists when each half (split by title, so one title string stays in one half) is re-ranked by a
    /// reranker trained on the other half: an estimate that never scores a list the reranker was trained on.</summary>
    public static RankingScores CrossFitted(IReadOnlyList<RerankList> lists, IReadOnlyList<TitleLabel> titles, RerankerOptions? options = null,
        Action<string>? progress = null)
    {
        if (lists.Count != titles.Count) throw new ArgumentException($"{lists.Count} lists for {titles.Count} titles", nameof(titles));
        var fold = titles.Select(t => FoldOf(t.Title, 2)).ToArray();
        var ranks = new int[lists.Count];
        for (int f = 0; f < 2; f++)
        {
            var reranker = OnetReranker.Train(lists.Where((_, i) => fold[i] != f).ToArray(), RerankFeatures.Count, options);
            for (int i = 0; i < lists.Count; i++)
                if (fold[i] == f) ranks[i] = Rank(reranker, lists[i]);
        }
        var scores = new RankingScores();
        foreach (var r in ranks) scores.AddRank(r);
        return scores;
    }

    /// <summary>Ranking quality of <paramref name="weights"/> on evidence whose query i has relevant column relevant[i] (rank = 1 + occupations scoring higher,
    /// ties counted against, so ties never flatter).</summary>
    public static RankingScores Score(OnetEvidence evidence, IReadOnlyList<int> relevant, OnetFusionWeights weights)
    {
        var scores = new RankingScores();
        var row = new float[evidence.Occupations];
        for (int q = 0; q < evidence.Queries; q++)
        {
            evidence.Fuse(q, weights, row);
            float target = row[relevant[q]];
            int rank = 1;
            for (int o = 0; o < row.Length; o++)
                if (o != relevant[q] && row[o] >= target) rank++;
            scores.AddRank(rank);
        }
        return scores;
    }
}
