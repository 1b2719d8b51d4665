using System.Globalization;

namespace JobRec.ML.Onet;

/// <summary>Quality of the O*NET classifier and of the TF-IDF nearest-neighbour baseline on the same held-out titles.</summary>
/// <param name="Classifier">Strict scores: a hit only when the prediction is the test row's own code.</param>
/// <param name="TfIdf">The TF-IDF kNN baseline, strict.</param>
/// <param name="TrainingTitles">Training alternate titles used.</param>
/// <param name="TestTitles">Test titles scored.</param>
/// <param name="AnyCode">Secondary scores: a hit when the prediction is any code the same title has in the test set (titles O*NET lists under several codes).</param>
/// <param name="Development">Development-split scores of the tuned weights, when weights were tuned.</param>
public sealed record OnetEvaluationResult(RankingScores Classifier, RankingScores TfIdf, int TrainingTitles, int TestTitles,
    RankingScores? AnyCode = null, RankingScores? Development = null)
{
    /// <summary>The summary line <c>onet: n=.. top1=.. top5=.. top10=.. mrr10=.. tfidf_top1=..</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"onet: n={Classifier.Count} top1={Classifier.Top1:F4} top5={Classifier.Top5:F4} top10={Classifier.Top10:F4} mrr10={Classifier.Mrr10:F4} tfidf_top1={TfIdf.Top1:F4}");
}
