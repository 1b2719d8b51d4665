using JobRec.Data.Readers.Onet;
using JobRec.Data.Model;
using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>Trains the O*NET classifier on an O*NET folder and scores it on held-out alternate titles, beside a TF-IDF kNN baseline.</summary>
public static class OnetEvaluation
{
    /// <summary>File of occupations inside an O*NET folder.</summary>
    public const string OccupationFile = "ONET.OccupationData.tsv";
    /// <summary>File of alternate titles inside an O*NET folder.</summary>
    public const string AlternateTitlesFile = "ONET.AlternateTitles.tsv";

    /// <summary>Runs the evaluation; without <paramref name="testFile"/> the test titles are the deterministic 20% split of the folder's alternate titles.
    /// Every title string present in the test set is removed from training under every code. With <paramref name="tune"/> or
    /// <see cref="OnetClassifierOptions.Rerank"/> the mixing weights and the reranker are first chosen on a development split of the training titles
    /// (<see cref="OnetFusionTuning"/>), never on the test titles.</summary>
    /// <exception cref="FileNotFoundException">An O*NET file or the test file is missing.</exception>
    public static (OnetEvaluationResult Result, OnetClassifier Classifier) Run(string onetDirectory, string? testFile, ITextEncoder encoder,
        OnetClassifierOptions? options = null, Action<string>? progress = null, bool tune = false)
    {
        options ??= new OnetClassifierOptions();
        var occupations = OnetSource.LoadOccupations(Path.Combine(onetDirectory, OccupationFile));
        var all = OnetSource.LoadAlternateTitles(Path.Combine(onetDirectory, AlternateTitlesFile));
        IReadOnlyList<TitleLabel> train, test;
        if (testFile is null) (train, test) = TitleSplit.Split(all);
        else { test = OnetSource.LoadAlternateTitles(testFile); train = all; }
        train = TitleSplit.ExcludeTitles(train, test);
        var known = occupations.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        test = test.Where(t => known.Contains(t.Code)).ToList();
        progress?.Invoke($"{occupations.Count} occupations, {train.Count} training titles, {test.Count} test titles");

        var (classifier, development) = OnetModelTraining.Train(occupations, train, encoder, options, progress, test.Select(t => t.Title), tune);
        var scores = new RankingScores();
        var anyCode = new RankingScores();
        var codesOfTitle = test.GroupBy(t => t.Title, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Code).ToHashSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        var predictions = classifier.Classify(test.Select(t => t.Title).ToArray(), 10);
        for (int i = 0; i < test.Count; i++)
        {
            var ranked = predictions[i].Select(p => p.Code).ToArray();
            scores.Add(ranked, test[i].Code);
            var accepted = codesOfTitle[test[i].Title];
            int rank = Array.FindIndex(ranked, accepted.Contains) + 1;
            anyCode.AddRank(rank);
        }
        progress?.Invoke($"classifier ({classifier.Weights}): {scores}");

        var baseline = TfIdfBaseline(occupations, train, test);
        progress?.Invoke($"tf-idf baseline: {baseline}");
        return (new OnetEvaluationResult(scores, baseline, train.Count, test.Count, anyCode, development), classifier);
    }

    /// <summary>TF-IDF cosine kNN over documents that are each occupation's title + description and each training title; an occupation ranks by its best document.</summary>
    public static RankingScores TfIdfBaseline(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> train, IReadOnlyList<TitleLabel> test)
    {
        var documents = occupations.Select(o => (o.Code, Text: $"{o.Title} {o.Description}")).Concat(train.Select(t => (t.Code, Text: t.Title))).ToArray();
        var index = new TfIdfIndex(documents.Select(d => d.Text).ToArray());
        var scores = new RankingScores();
        foreach (var t in test)
        {
            var ranked = new List<string>(10);
            foreach (var hit in index.Search(t.Title, 200))
            {
                var code = documents[hit.Document].Code;
                if (!ranked.Contains(code)) ranked.Add(code);
                if (ranked.Count == 10) break;
            }
            scores.Add(ranked, t.Code);
        }
        return scores;
    }
}
