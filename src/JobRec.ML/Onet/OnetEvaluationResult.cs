using System.Globalization;

namespace JobRec.ML.Onet;

/// <summary>Quality of the O*NET classifier and of the TF-IDF nearest-neighbour baseline on the same held-out titles.</summary>
public sealed record OnetEvaluationResult(RankingScores Classifier, RankingScores TfIdf, int TrainingTitles, int TestTitles)
{
    /// <summary>The summary line <c>onet: n=.. top1=.. top5=.. top10=.. mrr10=.. tfidf_top1=..</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"onet: n={Classifier.Count} top1={Classifier.Top1:F4} top5={Classifier.Top5:F4} top10={Classifier.Top10:F4} mrr10={Classifier.Mrr10:F4} tfidf_top1={TfIdf.Top1:F4}");
}
