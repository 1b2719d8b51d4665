namespace JobRec.ML.Onet;

/// <summary>Outcome of <see cref="OnetFusionTuning.Tune"/>: the chosen weights, the development scores (cross-fitted reranker scores when re-ranking,
/// else those of the weights), the model trained without the development titles (with those weights and the reranker), the development titles,
/// the development scores of the fused order alone, and the reranker trained on all development titles (null without re-ranking).</summary>
public sealed record OnetTuningResult(OnetFusionWeights Weights, RankingScores Development, OnetClassifier Classifier, IReadOnlyList<TitleLabel> DevelopmentTitles,
    RankingScores Fused, OnetReranker? Reranker = null);
