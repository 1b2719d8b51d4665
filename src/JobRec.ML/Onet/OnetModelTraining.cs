using JobRec.Data.Model;
using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>The full training of the O*NET model on a set of labelled titles: with <see cref="OnetClassifierOptions.Rerank"/> (or when
/// asked to tune) the mixing weights and the re-ranker are chosen on a development split of those titles first
/// (<see cref="OnetFusionTuning.Tune"/>, the fold models included), then the final model is trained on all of them and gets that re-ranker.</summary>
public static class OnetModelTraining
{
    /// <summary>Trains the model <c>jobrec evaluate onet</c> evaluates and <c>jobrec onet train</c> saves; <paramref name="heldOutTitles"/> (e.g. test
    /// titles) stay out of the derived training titles. Returns the classifier and, when tuned, the development scores.</summary>
    /// <exception cref="ArgumentException">No occupations, or (when tuning) an empty development split.</exception>
    public static (OnetClassifier Classifier, RankingScores? Development) Train(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> titles,
        ITextEncoder encoder, OnetClassifierOptions? options = null, Action<string>? progress = null, IEnumerable<string>? heldOutTitles = null,
        bool tune = false)
    {
        options ??= new OnetClassifierOptions();
        var banned = (heldOutTitles ?? []).ToArray();
        RankingScores? development = null;
        OnetReranker? reranker = null;
        if (tune || options.Rerank)
        {
            var tuning = OnetFusionTuning.Tune(occupations, titles, encoder, options, progress: progress, heldOutTitles: banned);
            development = tuning.Development;
            options = options.With(tuning.Weights) with { Vote = tuning.Vote ?? options.Vote };
            reranker = tuning.Reranker;
        }
        progress?.Invoke($"final model: {titles.Count} titles{(reranker is null ? "" : ", re-ranked")}");
        var classifier = OnetClassifier.Train(occupations, titles, encoder, options, progress, banned).WithReranker(reranker);
        return (classifier, development);
    }
}
