namespace JobRec.ML.Onet;

/// <summary>Outcome of <see cref="OnetFusionTuning.Tune"/>: the chosen weights, their development scores, the model trained without the development
/// titles (with those weights) and the development titles themselves.</summary>
public sealed record OnetTuningResult(OnetFusionWeights Weights, RankingScores Development, OnetClassifier Classifier, IReadOnlyList<TitleLabel> DevelopmentTitles);
