using JobRec.Data.Model;

namespace JobRec.ML.Onet;

/// <summary>Outcome of <see cref="OnetFusionTuning.Tune"/>: the chosen weights, the development scores (cross-fitted reranker scores when re-ranking,
/// else those of the weights), the model trained without the development titles (with those weights and the reranker), the development titles,
/// the development scores of the fused order alone, the reranker trained on all lists (null without re-ranking), and the candidate lists it
/// learned from: the development titles' and the cross-fitted fold lists (empty when not made), and the vote settings chosen there.</summary>
public sealed record OnetTuningResult(OnetFusionWeights Weights, RankingScores Development, OnetClassifier Classifier, IReadOnlyList<TitleLabel> DevelopmentTitles,
    RankingScores Fused, OnetReranker? Reranker = null, IReadOnlyList<RerankList>? DevelopmentLists = null, IReadOnlyList<RerankList>? FoldLists = null, VoteSettings? Vote = null);
